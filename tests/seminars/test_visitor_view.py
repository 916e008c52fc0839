"""What a visitor sees of an event: the attendance of a past event, and never an online
event's join link, which only a confirmed registrant gets in their mail."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from seminars.emails import MailKind, build_registration_mail
from seminars.models import Registration
from tests.seminars.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db

JOIN_URL = "https://meet.example.org/j/secret-room-123"


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _past_event(**kwargs):
    return EventFactory(start=in_days(-10), end=in_days(-10, 16), capacity=100, **kwargs)


def test_past_event_shows_how_many_attended_not_free_places(client):
    event = _past_event()
    RegistrationFactory.create_batch(7, event=event, attended=True)
    RegistrationFactory.create_batch(2, event=event, attended=False)
    english = client.get(url("seminars:detail", "en", slug=event.slug)).text
    assert "Attended the event: 7." in english
    assert "Places:" not in english
    finnish = client.get(url("seminars:detail", "fi", slug=event.slug)).text
    assert "Tilaisuuteen osallistui: 7." in finnish
    assert "Paikkoja" not in finnish


def test_a_small_attendance_is_shown_as_fewer_than_five(client):
    event = _past_event()
    RegistrationFactory.create_batch(3, event=event, attended=True)
    english = client.get(url("seminars:detail", "en", slug=event.slug)).text
    assert "Attended the event: under 5." in english
    assert "3" not in english.split("Attended the event:")[1][:20]
    listing = client.get(url("seminars:list", "en")).text
    assert "attended: under 5" in listing


def test_past_events_in_lists_show_attendance(client):
    event = _past_event(title_fi="Mennyt seminaari")
    RegistrationFactory.create_batch(8, event=event, attended=True)
    upcoming = EventFactory(title_fi="Tuleva seminaari")
    RegistrationFactory.create_batch(6, event=upcoming)
    listing = client.get(url("seminars:list", "en")).text
    assert "attended: 8" in listing
    assert "attended: 6" not in listing  # registrations of an upcoming event are not attendance
    project_page = client.get(url("projects:detail", "fi", slug=event.project.slug)).text
    assert "osallistui: 8" in project_page


def test_upcoming_event_still_shows_free_places(client):
    event = EventFactory(capacity=10)
    RegistrationFactory.create_batch(6, event=event)
    assert "Places: 10, free: 4." in client.get(url("seminars:detail", "en", slug=event.slug)).text


def _online_event(**kwargs):
    return EventFactory(online_url=JOIN_URL, address="", venue_fi="", kind="webinar", **kwargs)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_join_link_is_not_on_the_event_page_nor_in_its_structured_data(client, language):
    event = _online_event()
    html = client.get(url("seminars:detail", language, slug=event.slug)).text
    assert JOIN_URL not in html
    assert "secret-room" not in html
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "http://testserver" + event.get_absolute_url()}


def test_join_link_is_in_no_public_calendar_or_feed(client):
    event = _online_event()
    hybrid = EventFactory(online_url=JOIN_URL)
    for path in [
        url("seminars:ics", slug=event.slug),
        url("seminars:ics", slug=hybrid.slug),
        url("seminars:calendar"),
        url("seminars:project_calendar", project=event.project.slug),
        url("seminars:feed"),
        url("seminars:list"),
        url("projects:home"),
        event.project.get_absolute_url(),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"secret-room" not in response.content, path
    hybrid_ics = Calendar.from_ical(client.get(url("seminars:ics", slug=hybrid.slug)).content)
    (component,) = hybrid_ics.walk("VEVENT")
    assert "Torikatu 10" in str(component["location"])


def test_only_a_confirmed_registrant_gets_the_join_link_in_mail_and_calendar_file():
    event = _online_event()
    confirmed = RegistrationFactory(event=event)
    waitlisted = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    cancelled = RegistrationFactory(event=event, status=Registration.Status.CANCELLED)

    message = build_registration_mail(confirmed, MailKind.CONFIRMED)
    assert JOIN_URL in message.body
    ((_name, ics, _type),) = message.attachments
    (component,) = Calendar.from_ical(ics).walk("VEVENT")
    assert JOIN_URL in str(component["location"])

    assert JOIN_URL in build_registration_mail(confirmed, MailKind.REMINDER).body
    assert JOIN_URL not in build_registration_mail(waitlisted, MailKind.WAITLISTED).body
    assert JOIN_URL not in build_registration_mail(cancelled, MailKind.CANCELLED).body
