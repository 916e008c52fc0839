"""The reminder and retention commands: each run twice gives the same result."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from seminars.models import Event, Registration
from tests.seminars.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db
Status = Registration.Status


def run(command, *args, capture=None):
    out = StringIO()
    if capture is not None:
        with capture(execute=True):
            call_command(command, *args, stdout=out)
    else:
        call_command(command, *args, stdout=out)
    return out.getvalue()


def test_reminders_go_once_to_confirmed_registrants_of_events_within_the_lead_time(
    django_capture_on_commit_callbacks,
):
    soon = EventFactory(start=in_days(1), end=in_days(1, 15))
    later = EventFactory(start=in_days(5), end=in_days(5, 15))
    cancelled_event = EventFactory(start=in_days(1), end=in_days(1, 15), status=Event.Status.CANCELLED)
    past = EventFactory(start=in_days(-1), end=in_days(-1, 15))
    confirmed = RegistrationFactory(event=soon, language="en")
    RegistrationFactory(event=soon, status=Status.WAITLISTED)
    RegistrationFactory(event=soon, status=Status.CANCELLED)
    for event in (later, cancelled_event, past):
        RegistrationFactory(event=event)

    assert "Reminders sent: 1" in run("send_event_reminders", capture=django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    assert "Reminder" in mail.outbox[0].subject
    assert f"/en/events/cancel/{confirmed.token}/" in mail.outbox[0].body
    Calendar.from_ical(mail.outbox[0].attachments[0][1])
    confirmed.refresh_from_db()
    assert confirmed.reminder_sent_at is not None

    assert "Reminders sent: 0" in run("send_event_reminders", capture=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_reminder_lead_time_comes_from_the_option_and_the_setting(settings, django_capture_on_commit_callbacks):
    RegistrationFactory(event=EventFactory(start=in_days(5), end=in_days(5, 15)))
    assert "Reminders sent: 0" in run("send_event_reminders", capture=django_capture_on_commit_callbacks)
    settings.SEMINAR_REMINDER_LEAD_TIME_HOURS = 24 * 4
    assert "Reminders sent: 0" in run("send_event_reminders", capture=django_capture_on_commit_callbacks)
    assert "Reminders sent: 1" in run(
        "send_event_reminders", "--hours", str(24 * 6), capture=django_capture_on_commit_callbacks
    )
    assert len(mail.outbox) == 1


def _counts(event):
    return (
        Event.objects.with_counts()
        .values_list("confirmed_count", "waitlisted_count", "cancelled_count", "attended_count")
        .get(pk=event.pk)
    )


def test_retention_anonymises_old_registrations_and_keeps_the_counts(settings):
    old = EventFactory(start=in_days(-400), end=in_days(-400, 15))
    recent = EventFactory(start=in_days(-10), end=in_days(-10, 15))
    RegistrationFactory.create_batch(3, event=old, attended=True, needs="laktoositon")
    RegistrationFactory(event=old, status=Status.CANCELLED)
    RegistrationFactory(event=old, status=Status.WAITLISTED)
    keep = RegistrationFactory(event=recent)
    before = _counts(old)

    assert "Registrations anonymised: 5" in run("anonymise_registrations")
    assert _counts(old) == before == (3, 1, 1, 3)
    for registration in old.registrations.all():
        assert registration.is_anonymised
        assert (registration.name, registration.email, registration.organisation, registration.needs) == (
            "",
            "",
            "",
            "",
        )
        assert registration.token.startswith("anonymised-")
    keep.refresh_from_db()
    assert keep.name and not keep.is_anonymised
    snapshot = list(Registration.objects.order_by("pk").values())

    assert "Registrations anonymised: 0" in run("anonymise_registrations")
    assert list(Registration.objects.order_by("pk").values()) == snapshot

    assert "Registrations anonymised: 1" in run("anonymise_registrations", "--days", "5")
    settings.SEMINAR_RETENTION_DAYS = 1
    assert "Registrations anonymised: 0" in run("anonymise_registrations")


def test_anonymised_registration_leaves_no_personal_data_in_the_audit_trail():
    from auditlog.models import LogEntry

    event = EventFactory(start=in_days(-400), end=in_days(-400, 15))
    RegistrationFactory(event=event, name="Poistuva Henkilö", email="poistuva@example.org")
    run("anonymise_registrations")
    trail = " ".join(f"{e.object_repr} {e.changes}" for e in LogEntry.objects.all())
    assert "Poistuva" not in trail and "poistuva@example.org" not in trail


def test_anonymised_registrations_get_no_mail_and_their_link_is_dead(client):
    event = EventFactory(start=in_days(-400), end=in_days(-400, 15))
    registration = RegistrationFactory(event=event)
    url = registration.get_cancel_url()
    run("anonymise_registrations")
    assert client.get(url).status_code == 404
    registration.refresh_from_db()
    assert client.get(registration.get_cancel_url()).status_code == 404
