from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from socoba_portal import mail
from socoba_portal.abuse import PublicForm


class AccessibilityFeedbackForm(PublicForm):
    """Feedback on accessibility: emailed to the maintainers, answered within 14 days.
    Limited per address (``PUBLIC_FORM_RATE_LIMITS``)."""

    rate_limit_action = "accessibility_feedback"

    message = forms.CharField(
        label=_("Your feedback"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Tell us which page or content is hard to use, and how."),
    )
    page = forms.CharField(label=_("Page address (optional)"), max_length=500, required=False)
    email = forms.EmailField(
        label=_("Your email address (optional)"),
        required=False,
        help_text=_("Give it if you want an answer."),
    )

    def send(self, *, to):
        """Queue the feedback to the maintainers (``to``): plain text in Finnish, the
        visitor's text only in the body, never in the subject."""
        mail.send_after_commit(lambda: self._message(to), kind="legal.accessibility_feedback")

    def _message(self, to):
        data = self.cleaned_data
        with translation.override(settings.LANGUAGE_CODE):
            subject = str(_("Accessibility feedback"))
            page, reply_to = _("Page address"), _("Reply to")
            footer = f"{page}: {data['page'] or '-'}\n{reply_to}: {data['email'] or '-'}"
        return EmailMessage(
            subject=subject,
            body=f"{data['message']}\n\n{footer}",
            to=[to],
            reply_to=[data["email"]] if data["email"] else None,
        )
