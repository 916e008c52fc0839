"""iCalendar (RFC 5545) for one event or a feed of events, with the Europe/Helsinki
VTIMEZONE. Only the events' public facts: never a registrant, and never an online
event's join link, which only a confirmed registrant's own calendar file carries."""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODID = "-//SOCOBA portal//Seminars//FI"


def site_url():
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def _location(event, join_url):
    parts = [part for part in (event.venue, event.address, join_url) if part]
    return ", ".join(parts)


def _component(event, join_url=""):
    local = timezone.get_default_timezone()
    component = CalendarEvent()
    component.add("uid", f"event-{event.pk}@socoba")
    component.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    component.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    component.add("dtstart", event.start.astimezone(local))
    component.add("dtend", event.end.astimezone(local))
    component.add("summary", str(event))
    url = site_url() + event.get_absolute_url()
    component.add("description", f"{event.description}\n\n{url}".strip())
    component.add("url", url)
    location = _location(event, join_url)
    if location:
        component.add("location", location)
    component.add("categories", [str(event.get_kind_display())])
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return component


def calendar_for(events, name=""):
    """A calendar of ``events`` (public ones only: the caller's queryset decides)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(_component(event))
    calendar.add_missing_timezones()
    return calendar


def event_ics(event, language=None, join_url=""):
    """One event; ``join_url`` only in a confirmed registrant's own file (see Registration.join_url)."""
    with translation.override(language or translation.get_language()):
        calendar = calendar_for([])
        calendar.add_component(_component(event, join_url=join_url))
        calendar.add_missing_timezones()
        return calendar.to_ical()
