"""The registrants' mail, in their own language, with the event's details, an
``.ics`` attachment where they have a place, and their cancellation link.

The mail goes to an address the visitor typed, so it repeats nothing they typed (no
name, organisation or needs): a form filled with a phishing line sends no phishing.
It leaves the request through ``socoba_portal.mail``; a relay that is down never
turns a saved registration into an error page."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from socoba_portal import mail

from .calendar import event_ics, site_url
from .models import Registration


class MailKind(models.TextChoices):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    CANCELLED = "cancelled"
    REMINDER = "reminder"
    CERTIFICATE = "certificate"
    EVENT_CANCELLED = "event_cancelled"


WITH_CALENDAR = {MailKind.CONFIRMED, MailKind.PROMOTED, MailKind.REMINDER}


def build_registration_mail(registration, kind):
    kind = MailKind(kind)
    event = registration.event
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        # No registrant's text in the context: the templates cannot echo it.
        context = {
            "event": event,
            "event_url": site_url() + event.get_absolute_url(),
            "cancel_url": site_url() + registration.get_cancel_url(),
            "certificate_url": site_url() + registration.get_certificate_url(),
            "join_url": registration.join_url,
            "events_url": site_url() + reverse("seminars:list"),
            "kind": kind,
        }
        subject = render_to_string(f"seminars/email/{kind}_subject.txt", context)
        body = render_to_string(f"seminars/email/{kind}.txt", context)
        message = EmailMessage(
            subject=" ".join(subject.split()), body=body, to=[registration.email], from_email=None
        )
        if kind in WITH_CALENDAR:
            message.attach(f"{event.slug}.ics", event_ics(event, join_url=registration.join_url), "text/calendar")
    return message


def _registration_mail(registration_id, kind):
    """Built after commit; an anonymised or vanished registration gets nothing."""
    registration = Registration.objects.select_related("event__project").filter(pk=registration_id).first()
    if registration is None or registration.is_anonymised or not registration.email:
        return None
    return build_registration_mail(registration, kind)


def send_registration_mail(registration_id, kind):
    """Queue the ``kind`` mail to the registrant once the current transaction commits."""
    mail.send_after_commit(
        lambda: _registration_mail(registration_id, kind),
        kind=f"seminars.{MailKind(kind).value}",
        object_id=registration_id,
    )
