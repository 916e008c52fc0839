import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied

from socoba_portal import mail
from socoba_portal.abuse import client_ip


class NoSignupAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by an administrator; nobody signs up.

    Sign-in limits that nobody can turn against a real user (``ACCOUNT_RATE_LIMITS``):
    failed passwords are counted per account *and* address (``login_failed``), so
    failures from other addresses, or on other accounts, never refuse a correct password.
    An address that fails too often (``login_failed_address``) is throttled per account
    instead of as a whole: from then on it gets one try per account
    (``login_failed_flooded``); a different account's correct password still signs in.
    """

    def is_open_for_signup(self, request):
        return False

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # "Signed in as …" would still be waiting after the MFA set-up, several pages later,
        # stacked with the set-up's own messages; the page itself shows who is signed in.
        if message_template == "account/messages/logged_in.txt":
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def is_reauthentication_required(self, *, app, **kwargs):
        """Not right after signing in with the password: allauth counts only a separate
        "confirm access" as recent, so the first sign-in of someone who must set up MFA
        asked for the password twice in a row, with no reason given."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = allauth_context.request
        signed_in = [
            record["at"]
            for record in get_authentication_records(request, request.user)
            if record.get("method") == "password"
        ]
        return not signed_in or time.time() - signed_in[-1] >= account_settings.REAUTHENTICATION_TIMEOUT

    def get_client_ip(self, request):
        """The portal's trusted-proxy rule, so the sign-in and the forms agree."""
        address = client_ip(request)
        if address is None:
            raise PermissionDenied("Unable to determine the client address")
        return address

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts per login only (site:email); add the address (IPv6 by /64, as allauth).
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}@{ratelimit.get_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        # allauth's own check: `login_failed` per account and address, rolled back on success.
        super().pre_authenticate(request, **credentials)
        address_usage = ratelimit.consume(request, app="allauth.account", action="login_failed_address")
        if address_usage is not None:
            self._login_failed_rl_usage.usage.extend(address_usage.usage)
            return
        once_per_account = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed_flooded",
            key=self._get_login_attempts_cache_key(request, **credentials),
        )
        if once_per_account is None:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")
        self._login_failed_rl_usage.usage.extend(once_per_account.usage)

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
