"""The registration flows, through the public form and the workflow functions,
with the mail each one sends (locmem backend)."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from seminars import services
from seminars.models import Event, Registration
from tests.public_forms import filled_by_a_person
from tests.seminars.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db
Status = Registration.Status


def form_data(**overrides):
    return filled_by_a_person(
        {
            "name": "Maija Meikäläinen",
            "email": "Maija.Meikalainen@Example.org",
            "organisation": "Kouvolan kaupunki",
            "title": "sosiaalityöntekijä",
            "needs": "gluteeniton",
            "consent": "on",
            **overrides,
        }
    )


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST the registration form in English, running the after-commit mail."""

    def _post(event, language="en", **overrides):
        with translation.override(language):
            url = reverse("seminars:register", kwargs={"slug": event.slug})
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, form_data(**overrides))

    return _post


def test_registration_is_confirmed_and_mailed_with_ics_and_cancel_link(post):
    event = EventFactory(capacity=2)
    response = post(event)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Status.CONFIRMED
    assert registration.email == "maija.meikalainen@example.org"
    assert registration.consent_at is not None
    assert registration.language == "en"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maija.meikalainen@example.org"]
    assert "Registration confirmed" in message.subject
    assert event.title in message.body
    assert registration.get_cancel_url() in message.body
    assert "Torikatu 10, 45100 Kouvola" in message.body
    ((filename, content, mimetype),) = message.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [event.title]
    assert "Maija" not in str(content)


def test_the_form_page_shows_the_confirmation_message(client, post):
    event = EventFactory()
    response = post(event)
    page = client.get(response.url)
    assert "Your place is confirmed" in page.text


def test_full_event_offers_the_waiting_list_and_waitlists(post, client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    with translation.override("en"):
        page = client.get(event.get_absolute_url()).text
    assert "Join the waiting list" in page
    response = post(event, waitlist="True")
    assert response.status_code == 302
    registration = Registration.objects.get(email="maija.meikalainen@example.org")
    assert registration.status == Status.WAITLISTED
    assert "waiting list" in mail.outbox[0].subject
    assert not mail.outbox[0].attachments
    assert registration.get_cancel_url() in mail.outbox[0].body


def test_event_filling_up_while_the_form_was_open_offers_the_waiting_list_and_saves_nothing(post):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    response = post(event)  # no waitlist acceptance: the visitor saw a free place
    assert response.status_code == 200
    assert "The event is full" in response.text
    assert 'name="waitlist" value="on"' in response.text
    assert Registration.objects.count() == 1
    assert not mail.outbox


def test_cancellation_promotes_the_first_waitlisted_and_mails_both(
    client, post, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    first = RegistrationFactory(event=event, language="en")
    second = RegistrationFactory(event=event, status=Status.WAITLISTED, language="en")
    third = RegistrationFactory(event=event, status=Status.WAITLISTED, language="en")
    second.created_at = timezone.now() - datetime.timedelta(hours=2)
    second.save()
    with translation.override("en"):
        url = first.get_cancel_url()
    page = client.get(url)
    assert page.status_code == 200
    assert first.name not in page.text and first.email not in page.text
    first.refresh_from_db()
    assert first.status == Status.CONFIRMED  # GET only asks
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert (first.status, second.status, third.status) == (Status.CANCELLED, Status.CONFIRMED, Status.WAITLISTED)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert "Registration cancelled" in subjects[first.email]
    assert "You have a place" in subjects[second.email]
    assert third.email not in subjects
    promoted = next(m for m in mail.outbox if m.to == [second.email])
    assert promoted.attachments[0][0].endswith(".ics")


def test_cancelling_twice_changes_nothing(client, django_capture_on_commit_callbacks):
    registration = RegistrationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(registration.get_cancel_url())
        client.post(registration.get_cancel_url())
    assert len(mail.outbox) == 1


def test_unknown_cancellation_token_is_not_found(client):
    assert client.get(reverse("seminars:cancel", kwargs={"token": "no-such-token"})).status_code == 404


@pytest.mark.parametrize(
    ("event_kwargs", "message"),
    [
        ({"registration_deadline": in_days(-1)}, "Registration for this event is closed."),
        ({"registration_opens": in_days(3), "registration_deadline": in_days(5)}, "Registration for this event"),
        ({"start": in_days(-2), "end": in_days(-2, 15)}, "Registration for this event is closed."),
        ({"status": Event.Status.CANCELLED}, "This event has been cancelled."),
        ({"registration_enabled": False}, "Registration for this event is closed."),
    ],
)
def test_closed_registration_is_refused_with_a_message(post, event_kwargs, message):
    event = EventFactory(**event_kwargs)
    response = post(event)
    assert response.status_code == 200
    assert message in response.text
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_registration_closes_exactly_at_the_deadline(time_machine):
    deadline = in_days(10, 12)
    event = EventFactory(registration_deadline=deadline)
    time_machine.move_to(deadline - datetime.timedelta(seconds=1), tick=False)
    services.register(event=event, name="A", email="a@example.org", consent=True)
    time_machine.move_to(deadline, tick=False)
    with pytest.raises(services.RegistrationClosed):
        services.register(event=event, name="B", email="b@example.org", consent=True)


def test_the_same_email_cannot_register_twice(post):
    event = EventFactory()
    post(event)
    response = post(event, email="MAIJA.meikalainen@example.org ")
    assert response.status_code == 200
    assert "already registered" in response.text
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_after_cancelling_one_can_register_again():
    event = EventFactory()
    first = services.register(event=event, name="A", email="a@example.org", consent=True)
    services.cancel(first)
    again = services.register(event=event, name="A", email="a@example.org", consent=True)
    assert again.status == Status.CONFIRMED


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"consent": ""}, "consent"),
        ({"name": ""}, "name"),
        ({"name": "x" * 500}, "name"),
    ],
)
def test_bad_input_is_reported_on_the_form_and_changes_nothing(post, overrides, field):
    event = EventFactory()
    response = post(event, **overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="error-summary"' in response.text
    assert not Registration.objects.exists()


def test_a_nul_byte_in_a_field_is_a_bad_request_and_changes_nothing(post):
    assert post(EventFactory(), needs="\x00").status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("name", "Z" + "\u0336\u0301\u0308" * 40, "Remove the accent marks stacked on one letter."),
        ("organisation", "Kunta\x1b[31m A", "Remove the control characters from the text."),
        ("title", "Sosiaali\x01työntekijä", "Remove the control characters from the text."),
        ("name", "Maija \u202egro.elpmaxe", "Remove the control characters from the text."),
    ],
)
def test_text_that_would_draw_over_other_lines_is_refused(post, field, text, message):
    """Stacked accent marks ("Zalgo") draw over the rows above and below on a sign-in sheet or
    a certificate; control characters print as boxes. Refused with a message, nothing saved."""
    response = post(EventFactory(), **{field: text})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Registration.objects.exists()


def test_accents_people_really_use_are_accepted(post):
    assert post(EventFactory(), name="Åsa Öhman-Nguyễn", organisation="Väestöliitto\tKajaani").status_code == 302


def test_register_to_an_unknown_or_draft_event_is_not_found(client):
    draft = EventFactory(status=Event.Status.DRAFT)
    assert client.post(reverse("seminars:register", kwargs={"slug": draft.slug}), form_data()).status_code == 404
    assert client.post(reverse("seminars:register", kwargs={"slug": "nope"}), form_data()).status_code == 404
    assert client.get(reverse("seminars:register", kwargs={"slug": draft.slug})).status_code == 405


def test_unlimited_capacity_always_confirms():
    event = EventFactory(capacity=None)
    registrations = [
        services.register(event=event, name=f"P{i}", email=f"p{i}@example.org", consent=True) for i in range(5)
    ]
    assert {r.status for r in registrations} == {Status.CONFIRMED}


def test_consent_is_required_by_the_workflow_too():
    with pytest.raises(services.ConsentMissing):
        services.register(event=EventFactory(), name="A", email="a@example.org", consent=False)


def test_mail_goes_in_the_registrants_language(post):
    event = EventFactory(title_en="An English title")
    post(event, language="en")
    assert "An English title" in mail.outbox[0].subject


def test_coordinator_moves_between_statuses_with_mail(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    confirmed = RegistrationFactory(event=event, language="en")
    waiting = RegistrationFactory(event=event, status=Status.WAITLISTED, language="en")
    with pytest.raises(services.CapacityReached):
        services.change_status(waiting, Status.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(confirmed, Status.WAITLISTED)
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.status == Status.WAITLISTED
    assert waiting.status == Status.CONFIRMED  # the freed place went to the first in line
    assert {m.to[0] for m in mail.outbox} == {confirmed.email, waiting.email}


def test_raising_the_capacity_fills_places_from_the_waiting_list(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory.create_batch(3, event=event, status=Status.WAITLISTED)
    event.capacity = 3
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.fill_from_waitlist(event)
    assert [r.pk for r in promoted] == [w.pk for w in waiting[:2]]
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": ""},
        {"email": "not-an-email"},
        {"consent": ""},
        {"waitlist": "False", "name": ""},
        {"waitlist": "on", "name": ""},
    ],
)
def test_a_refused_form_with_free_places_looks_like_the_fresh_form_apart_from_the_errors(post, client, overrides):
    """A validation error on an event with free places never says it is full."""
    event = EventFactory(capacity=25)
    RegistrationFactory(event=event)
    with translation.override("en"):
        fresh = client.get(event.get_absolute_url()).text
    refused = post(event, **{"waitlist": "False", **overrides})
    assert refused.status_code == 200
    for page in (fresh, refused.text):
        assert "The event is full" not in page
        assert "Join the waiting list" not in page
        assert ">Register<" in page
    assert 'name="waitlist" value="on"' not in refused.text
    assert 'class="error-summary"' in refused.text and 'class="error-summary"' not in fresh


def test_a_refused_form_on_a_full_event_still_offers_the_waiting_list(post):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    refused = post(event, waitlist="on", email="not-an-email")
    assert "The event is full" in refused.text
    assert 'name="waitlist" value="on"' in refused.text


def test_the_form_lands_on_its_section_and_fills_in_the_persons_details(client):
    event = EventFactory()
    with translation.override("en"):
        page = client.get(event.get_absolute_url()).text
        register_url = reverse("seminars:register", kwargs={"slug": event.slug})
    assert f'action="{register_url}#registration"' in page
    assert 'id="registration"' in page
    for name, token in [("name", "name"), ("email", "email"), ("organisation", "organization")]:
        (tag,) = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
        assert f'autocomplete="{token}"' in tag


def test_the_error_summary_is_where_the_form_lands(post):
    refused = post(EventFactory(), name="")
    assert '<div class="error-summary" role="alert" id="registration" tabindex="-1">' in refused.text
    assert refused.text.count('id="registration"') == 1
