from django import forms
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext_lazy as _

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
        data = self.cleaned_data
        body = f"{data['message']}\n\n{_('Page')}: {data['page'] or '-'}\n{_('Reply to')}: {data['email'] or '-'}"
        subject = str(_("Accessibility feedback"))
        transaction.on_commit(lambda: send_mail(subject, body, None, [to]))
