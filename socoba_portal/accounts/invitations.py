"""Staff are invited by an administrator: the email lets them set a password."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def invitation_url(request, user):
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return request.build_absolute_uri(path)


def send_invitation(request, user, language=None):
    """Email ``user`` a link to set their password (allauth's reset-by-key page)."""
    with translation.override(language or translation.get_language()):
        context = {"user": user, "url": invitation_url(request, user), "inviter": request.user}
        subject = render_to_string("account/email/invitation_subject.txt", context).strip()
        body = render_to_string("account/email/invitation_message.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
