from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from socoba_portal import mail


class NoSignupAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by an administrator; nobody signs up."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        """allauth's mail (password reset, security notices) is rendered here, in the
        request's language, and leaves through the mail queue like every other mail."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context},
        )
        user = context.get("user")
        mail.send_after_commit(
            lambda: message, kind=template_prefix.replace("/", "."), object_id=getattr(user, "pk", None)
        )
