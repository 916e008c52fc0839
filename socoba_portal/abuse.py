"""Protection of the public forms and the sign-in against floods and bots.

One mechanism for every form anyone may post (seminar registration, accessibility
feedback, cancellation), and the client address that allauth's sign-in limits use too:

- ``client_ip``: the visitor's address, from ``X-Forwarded-For`` only behind the
  configured number of trusted proxies (``ALLAUTH_TRUSTED_PROXY_COUNT``);
- ``rate_limit_allows``: limits per address and per key (an email address), counted in
  the shared cache with allauth's sliding-window counters, so every worker sees them;
- ``PublicForm``: a honeypot field and a signed start time; a bot's submission is
  dropped quietly, a real one past the limit gets a form error and HTTP 429. A form sent
  sooner than a person fills it in (autofill can) is not acted on either, but shown again
  with a request to send it once more: a bot gains nothing, a person loses nothing.
"""

import ipaddress
import time
from http import HTTPStatus

from allauth.core.internal import ratelimit
from django import forms
from django.conf import settings
from django.core import signing
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .validators import validate_printable_text

# --- The client address ---------------------------------------------------------------


def client_ip(request):
    """The client's address: ``REMOTE_ADDR``, or with N trusted proxies the N-th address
    from the right of ``X-Forwarded-For`` (each proxy appends the address it saw), the
    same rule as allauth's ``ALLAUTH_TRUSTED_PROXY_COUNT``. A header shorter than the
    proxy chain did not come through it: then the direct peer is the client (allauth
    would raise ``ImproperlyConfigured``, a 500 any visitor could trigger)."""
    proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()]
    address = forwarded[-proxies] if proxies and len(forwarded) >= proxies else request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


# --- Rate limits ------------------------------------------------------------------------


def rate_limit_allows(request, action, *, key=None):
    """Count one attempt at ``action`` (a name in ``PUBLIC_FORM_RATE_LIMITS``, rates in
    allauth's syntax, e.g. ``"10/1h/ip,3/1h/key"``); False when a limit is reached.
    ``key`` (e.g. the email address) is stored only as a hash."""
    if key is not None:
        key = key.strip().lower()
    usage = ratelimit.consume(
        request, app="socoba_portal", action=action, config=settings.PUBLIC_FORM_RATE_LIMITS, key=key
    )
    return usage is not None


SENT_TOO_FAST = _(
    "The form was sent within a few seconds of opening it, so it was not handled yet. "
    "Please check your details and send the form again."
)

TOO_MANY_ATTEMPTS = _(
    "Too many submissions from your network address or for this email address. "
    "Nothing was saved and nothing was sent. Please try again in an hour."
)


# --- Bot traps --------------------------------------------------------------------------

START_SALT = "socoba_portal.abuse.form_started"


def signed_start(at=None):
    """The signed time a form was handed out; a bot cannot forge an earlier one."""
    return signing.dumps(time.time() if at is None else at, salt=START_SALT)


class HoneypotInput(forms.TextInput):
    """A text field that people never see nor hear: visually hidden, ``aria-hidden``, out
    of the tab order and without autofill; its label tells anyone who meets it to leave
    it empty. It renders with the hidden fields, so form templates need no special case."""

    is_hidden = True

    def __init__(self):
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off"})

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, "", attrs, renderer)
        return format_html(
            '<div class="visually-hidden" aria-hidden="true"><label for="{}">{}</label> {}</div>',
            (attrs or {}).get("id", ""),
            _("Leave this field empty"),
            field,
        )


class PublicForm(forms.Form):
    """A form anyone may post. Subclasses name their ``rate_limit_action`` and may limit
    per email too (``rate_limit_key``). The view: ``is_from_bot()`` → the normal success
    redirect and nothing else; ``is_valid() and passes_rate_limit(request)`` → act;
    otherwise render the form with ``status_code``. Only valid, human submissions count
    towards the limits: a visitor correcting a mistake is not punished, and an invalid
    submission stores and sends nothing."""

    rate_limit_action = None

    website = forms.CharField(label=_("Leave this field empty"), required=False, widget=HoneypotInput())
    form_started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_started"].initial = signed_start()
        self.status_code = HTTPStatus.OK
        for field in self.fields.values():
            if isinstance(field, forms.CharField):  # each form has its own copy of its fields
                field.validators.append(validate_printable_text)

    def _started(self):
        """The signed time the form was handed out, or None when missing or forged."""
        try:
            return float(signing.loads(self.data.get(self.add_prefix("form_started"), ""), salt=START_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def is_from_bot(self):
        """A filled honeypot, or a start time that is missing or forged."""
        if not self.is_bound:
            return False
        return bool(self.data.get(self.add_prefix("website"))) or self._started() is None

    def clean(self):
        """Sent sooner than ``PUBLIC_FORM_MIN_FILL_SECONDS``: refused with a request to send
        again, and the clock restarts, so the next submission is handled."""
        cleaned_data = super().clean()
        started = self._started()
        if started is not None and time.time() - started < settings.PUBLIC_FORM_MIN_FILL_SECONDS:
            self.data = self.data.copy()
            self.data[self.add_prefix("form_started")] = signed_start()
            raise forms.ValidationError(SENT_TOO_FAST, code="sent_too_fast")
        return cleaned_data

    def rate_limit_key(self):
        return None

    def passes_rate_limit(self, request):
        """Count this submission; past a limit, say so in the form and answer 429."""
        if rate_limit_allows(request, self.rate_limit_action, key=self.rate_limit_key()):
            return True
        self.add_error(None, TOO_MANY_ATTEMPTS)
        self.status_code = HTTPStatus.TOO_MANY_REQUESTS
        return False
