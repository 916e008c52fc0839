from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from projects.forms import ProjectKindYearFilterForm
from socoba_portal.abuse import PublicForm

from . import services
from .models import Event, Registration


class EventFilterForm(ProjectKindYearFilterForm):
    kind_choices = Event.Kind.choices
    year_lookup = "start__year"


class RegistrationForm(PublicForm):
    """The public registration form; it owns the operation (``save``), and the
    workflow's refusals become form errors, never error pages. Limited per address
    and per email address (``PUBLIC_FORM_RATE_LIMITS``)."""

    rate_limit_action = "seminar_registration"

    # autocomplete: browsers and assistive technology fill in the person's own details (WCAG 1.3.5).
    name = forms.CharField(label=_("Name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    title = forms.CharField(
        label=_("Job title"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    needs = forms.CharField(
        label=_("Accessibility or dietary needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for arranging the event; removed with the registration."),
    )
    consent = forms.BooleanField(
        # The label is set in __init__ so that a link to the privacy notice can be added there.
        error_messages={"required": services.ConsentMissing.message},
    )
    # True when the visitor saw the "full" form and so accepts the waiting list.
    waitlist = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, event, privacy_notice_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.offers_waitlist = event.is_full()
        self.fields["waitlist"].initial = self.offers_waitlist
        self.fields["consent"].label = _(
            "I have read the privacy notice and consent to my data being processed for this event."
        )
        self.privacy_notice_url = privacy_notice_url

    def full_clean(self):
        """Validate what the visitor accepted; shown again, the form offers what is true now,
        exactly as a fresh form would (the submitted "False" is not a waiting list)."""
        super().full_clean()
        self._offer_waitlist(self.offers_waitlist)

    def _offer_waitlist(self, offer):
        self.offers_waitlist = offer
        if self.is_bound:
            self.data = self.data.copy()
            self.data["waitlist"] = "on" if offer else ""

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def rate_limit_key(self):
        return self.cleaned_data["email"]

    def save(self):
        """Register; returns the registration, or None with the reason as a form error."""
        data = self.cleaned_data
        try:
            return services.register(
                event=self.event,
                name=data["name"],
                email=data["email"],
                consent=data["consent"],
                organisation=data["organisation"],
                title=data["title"],
                needs=data["needs"],
                waitlist_ok=data["waitlist"],
                language=translation.get_language(),
            )
        except services.EventFull as refusal:
            # Offer the waiting list: the next submission accepts it.
            self._offer_waitlist(True)
            self.add_error(None, refusal.message)
        except services.AlreadyRegistered as refusal:
            self.add_error("email", refusal.message)
        except services.RegistrationError as refusal:
            self.add_error(None, refusal.message)
        return None


class CheckInForm(forms.Form):
    registration = forms.ModelChoiceField(queryset=Registration.objects.none(), widget=forms.HiddenInput)
    attended = forms.BooleanField(required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = event.registrations.confirmed()
