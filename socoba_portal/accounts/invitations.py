"""Staff are invited by an administrator: the email lets them set a password."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from socoba_portal import mail


def invitation_url(request, user):
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return request.build_absolute_uri(path)


def invitation_message(request, user, language):
    with translation.override(language):
        context = {"user": user, "url": invitation_url(request, user), "inviter": request.user}
        subject = render_to_string("account/email/invitation_subject.txt", context).strip()
        body = render_to_string("account/email/invitation_message.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def send_invitation(request, user, language=None):
    """Queue a mail to ``user`` with a link to set their password (allauth's
    reset-by-key page), in ``language`` or else Finnish: a new account has no
    language of its own yet."""
    language = language or settings.LANGUAGE_CODE
    mail.send_after_commit(
        lambda: invitation_message(request, user, language), kind="accounts.invitation", object_id=user.pk
    )
