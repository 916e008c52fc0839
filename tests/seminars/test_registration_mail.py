"""The registrants' mail: it never turns a saved registration into an error page,
and it repeats nothing an attacker typed into the form."""

import logging
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from seminars.emails import MailKind, build_registration_mail, send_registration_mail
from seminars.models import Registration
from tests.public_forms import filled_by_a_person
from tests.seminars.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db
PHISHING = "Click http://evil.example to pay"


def _register(client, event, language="en", **overrides):
    with translation.override(language):
        url = reverse("seminars:register", kwargs={"slug": event.slug})
    data = {
        "name": PHISHING,
        "email": "victim@example.org",
        "organisation": PHISHING,
        "title": PHISHING,
        "needs": PHISHING,
        "consent": "on",
        **overrides,
    }
    return client.post(url, filled_by_a_person(data))


def _all_text(message):
    return "\n".join([message.subject, message.body, *(str(content) for _, content, _ in message.attachments)])


def test_relay_down_the_registration_is_saved_and_the_visitor_sees_success(
    client, relay_down, mail_queue, django_capture_on_commit_callbacks, caplog
):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client, event, name="Maija Meikäläinen")
    assert response.status_code == 302
    assert "Your place is confirmed" in client.get(response.url).text
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED

    mail_queue.run()
    (retry,) = mail_queue.waiting()
    assert retry.task_result.kwargs == {"kind": "seminars.confirmed", "object_id": registration.pk, "attempt": 2}
    mail_queue.run_all_retries()
    assert not mail.outbox
    gave_up = f"Mail kind=seminars.confirmed object={registration.pk} not sent: gave up after attempt 5"
    assert gave_up in caplog.text
    assert "victim@example.org" not in caplog.text and "Maija" not in caplog.text


def test_once_the_relay_is_back_the_retry_delivers_the_mail_with_its_ics(
    client, settings, relay_down, mail_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _register(client, EventFactory())
    mail_queue.run()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    mail_queue.run_all_retries()
    (message,) = mail.outbox
    assert message.to == ["victim@example.org"]
    ((filename, content, mimetype),) = message.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    Calendar.from_ical(content)


@pytest.mark.parametrize(("language", "greeting"), [("fi", "Hei,"), ("sv", "Hej,"), ("en", "Hello,")])
@pytest.mark.parametrize("kind", list(MailKind))
def test_no_registrant_mail_repeats_what_the_registrant_typed(kind, language, greeting):
    registration = RegistrationFactory(
        name=PHISHING, organisation=PHISHING, title=PHISHING, needs=PHISHING, language=language
    )
    message = build_registration_mail(registration, kind)
    text = _all_text(message)
    assert "evil.example" not in text
    assert message.body.startswith(greeting + "\n")
    assert registration.event.title in message.subject


def test_the_form_with_a_phishing_line_mails_no_phishing(client, django_capture_on_commit_callbacks):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client, event, language="fi")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "evil.example" not in _all_text(message)
    assert message.body.startswith("Hei,\n")
    assert Registration.objects.get().get_cancel_url() in message.body


def test_relay_down_the_reminder_command_finishes_for_everyone(
    relay_down, mail_queue, django_capture_on_commit_callbacks, caplog
):
    soon = EventFactory(start=in_days(1), end=in_days(1, 15))
    registrations = RegistrationFactory.create_batch(3, event=soon)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=out)
    assert "Reminders sent: 3" in out.getvalue()
    assert all(r.reminder_sent_at for r in Registration.objects.all())

    assert mail_queue.run() == 3
    retries = mail_queue.waiting()
    assert sorted(r.task_result.kwargs["object_id"] for r in retries) == sorted(r.pk for r in registrations)
    assert {r.task_result.kwargs["attempt"] for r in retries} == {2}
    with caplog.at_level(logging.WARNING, logger="socoba_portal.mail"):
        mail_queue.run_all_retries()
    assert caplog.text.count("kind=seminars.reminder") == 3
    assert "@example.org" not in caplog.text


def test_a_registration_anonymised_before_commit_gets_nothing(mail_queue, django_capture_on_commit_callbacks):
    registration = RegistrationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send_registration_mail(registration.pk, MailKind.REMINDER)
        Registration.objects.filter(pk=registration.pk).update(email="", anonymised_at=registration.created_at)
    assert mail_queue.waiting() == []
