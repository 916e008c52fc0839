"""The registration workflow: it spans events and registrations and sends mail.

Every function locks the event row (``select_for_update``) before it counts
places, so concurrent registrations queue up on the lock and capacity is never
exceeded. Mail goes out only after the transaction commits.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .emails import MailKind, send_registration_mail
from .models import Event, Registration

Status = Registration.Status


class RegistrationError(Exception):
    """A refusal the visitor or coordinator can act on; ``message`` says why."""

    message = _("The registration could not be saved.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class RegistrationClosed(RegistrationError):
    message = _("Registration for this event is closed.")


class EventCancelled(RegistrationClosed):
    message = _("This event has been cancelled.")


class AlreadyRegistered(RegistrationError):
    message = _(
        "This email address is already registered for this event. "
        "The confirmation email has a link for cancelling the registration."
    )


class EventFull(RegistrationError):
    message = _("The event is full. You can join the waiting list: you will get a place if someone cancels.")


class CapacityReached(RegistrationError):
    message = _("The event is full: cancel a confirmed registration or raise the capacity first.")


class ConsentMissing(RegistrationError):
    message = _("Registration requires consent to the processing of your data as the privacy notice describes.")


def _locked(event):
    return Event.objects.select_for_update().get(pk=event.pk)


def _mail_after_commit(registration, kind):
    send_registration_mail(registration.pk, kind)


@transaction.atomic
def register(
    *,
    event,
    name,
    email,
    consent,
    organisation="",
    title="",
    needs="",
    waitlist_ok=True,
    language=None,
    by_coordinator=False,
    at_the_door=False,
    now=None,
) -> Registration:
    """Register a visitor: confirmed while there are places, otherwise waitlisted
    (when ``waitlist_ok``; otherwise ``EventFull`` is raised and nothing changes).
    A coordinator (``by_coordinator``) may register someone outside the registration
    period, but never beyond the capacity nor for a cancelled event. Someone who came
    without registering (``at_the_door``) is confirmed and marked present even beyond the
    capacity (they are in the room; capacity limits registration) and gets no mail."""
    now = now or timezone.now()
    if not consent:
        raise ConsentMissing
    event = _locked(event)
    if event.is_cancelled:
        raise EventCancelled
    if not by_coordinator and not event.registration_is_open(now):
        raise RegistrationClosed
    email = email.strip().lower()
    if email and event.registrations.active().filter(email=email).exists():  # a walk-in may give none
        raise AlreadyRegistered
    full = event.capacity is not None and event.registrations.confirmed().count() >= event.capacity
    if full and not waitlist_ok and not at_the_door:
        raise EventFull
    waitlisted = full and not at_the_door
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                name=name.strip(),
                email=email,
                organisation=organisation.strip(),
                title=title.strip(),
                needs=needs.strip(),
                consent_at=now,
                status=Status.WAITLISTED if waitlisted else Status.CONFIRMED,
                language=language or translation.get_language() or "fi",
                attended=at_the_door,
                created_at=now,
            )
    except IntegrityError as error:  # the partial unique constraint, as a last line of defence
        raise AlreadyRegistered from error
    if not at_the_door:
        _mail_after_commit(registration, MailKind.WAITLISTED if waitlisted else MailKind.CONFIRMED)
    return registration


def _fill_from_waitlist(event):
    """Confirm waitlisted people in order while there are places (event row locked)."""
    promoted = []
    if event.capacity is None:
        free = event.registrations.waitlisted().count()
    else:
        free = event.capacity - event.registrations.confirmed().count()
    if free <= 0:
        return promoted
    for registration in event.registrations.waitlisted().select_for_update()[:free]:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        _mail_after_commit(registration, MailKind.PROMOTED)
        promoted.append(registration)
    return promoted


@transaction.atomic
def fill_from_waitlist(event):
    """After the capacity was raised: move the first waitlisted people up, with mail."""
    event = _locked(event)
    if event.status != Event.Status.PUBLISHED or event.is_past():
        return []
    return _fill_from_waitlist(event)


@transaction.atomic
def cancel(registration, *, notify=True) -> Registration:
    """Cancel a registration; a freed place goes to the first waitlisted person."""
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return registration
    was_confirmed = registration.status == Status.CONFIRMED
    registration.status, registration.attended = Status.CANCELLED, False
    registration.save(update_fields=["status", "attended", "updated_at"])
    if notify:
        _mail_after_commit(registration, MailKind.CANCELLED)
    if was_confirmed and event.status == Event.Status.PUBLISHED and not event.is_past():
        _fill_from_waitlist(event)
    return registration


@transaction.atomic
def mail_event_cancellation(event):
    """Mail everyone registered or on the waiting list that ``event`` is cancelled, with its
    reason, in their own language; once, however often the cancelled event is saved. The
    number of people mailed (0 the second time)."""
    event = _locked(event)
    if event.status != Event.Status.CANCELLED or event.cancellation_mailed_at:
        return 0
    pks = list(event.registrations.active().not_anonymised().exclude(email="").values_list("pk", flat=True))
    for pk in pks:
        send_registration_mail(pk, MailKind.EVENT_CANCELLED)
    Event.objects.filter(pk=event.pk).update(cancellation_mailed_at=timezone.now())
    return len(pks)


@transaction.atomic
def change_status(registration, status) -> Registration:
    """A coordinator moves a registration to ``status``; the person gets the matching mail."""
    status = Status(status)
    if status == Status.CANCELLED:
        return cancel(registration)
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == status or registration.is_anonymised:
        return registration
    if status == Status.CONFIRMED:
        if event.capacity is not None and event.registrations.confirmed().count() >= event.capacity:
            raise CapacityReached
        if event.registrations.active().filter(email=registration.email).exclude(pk=registration.pk).exists():
            raise AlreadyRegistered
    reactivating = status == Status.WAITLISTED and registration.status == Status.CANCELLED
    if reactivating and event.registrations.active().filter(email=registration.email).exists():
        raise AlreadyRegistered
    was_confirmed = registration.status == Status.CONFIRMED
    registration.status = status
    registration.save(update_fields=["status", "updated_at"])
    _mail_after_commit(registration, MailKind.PROMOTED if status == Status.CONFIRMED else MailKind.WAITLISTED)
    if was_confirmed and not event.is_past():
        # The place it freed goes to the first person waiting (not back to this one).
        for waiting in event.registrations.waitlisted().exclude(pk=registration.pk).select_for_update()[:1]:
            if event.capacity is not None and event.registrations.confirmed().count() < event.capacity:
                waiting.status = Status.CONFIRMED
                waiting.save(update_fields=["status", "updated_at"])
                _mail_after_commit(waiting, MailKind.PROMOTED)
    return registration
