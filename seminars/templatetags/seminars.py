"""Template tags through which the project and home pages show events
(``projects`` never imports ``seminars``), and the events' time format."""

from django import template
from django.utils import formats, timezone, translation
from django.utils.html import format_html_join

from socoba_portal.formatting import NORDIC_LANGUAGES
from socoba_portal.templatetags.portal import time_element

from ..models import Event

register = template.Library()
PROJECT_PAGE_PAST = 12
PROJECT_PAGE_LATEST = 60


def event_time_parts(start, end):
    """``[(start, "12.3.2019 klo 9.00–15.30")]`` for a day's event; an event over several
    days has two parts, its start and its end, each with its date."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() != end.date():
        return [
            (start, formats.date_format(start, "DATETIME_FORMAT")),
            (end, formats.date_format(end, "DATETIME_FORMAT")),
        ]
    date = formats.date_format(start)
    times = f"{formats.time_format(start)}–{formats.time_format(end)}"
    language = (translation.get_language() or "fi")[:2]
    if language in NORDIC_LANGUAGES:
        return [(start, f"{date} {'klo' if language == 'fi' else 'kl.'} {times}")]
    return [(start, f"{date}, {times}")]


def format_event_time(start, end):
    """``12.3.2019 klo 9.00–15.30`` in Finnish, ``12.3.2019 kl. 9.00–15.30`` in Swedish,
    ``12 March 2019, 09:00–15:30`` in English; an event over several days shows both dates."""
    return " – ".join(text for _moment, text in event_time_parts(start, end))


@register.simple_tag
def event_when(event):
    """As text (mail, feeds)."""
    return format_event_time(event.start, event.end)


@register.simple_tag
def event_time(event):
    """For pages: each part in a ``<time>`` element, which never breaks across lines."""
    parts = event_time_parts(event.start, event.end)
    return format_html_join(" – ", "{}", ((time_element(moment, text),) for moment, text in parts))


@register.inclusion_tag("seminars/includes/project_events.html")
def project_events(project):
    """The events of one project, on its page: upcoming first, then the latest past ones
    (one query: the project's latest events, split here)."""
    now = timezone.now()
    # Through the project's own manager: each event gets this project object, not a
    # copy of its many columns joined into every row.
    latest = list(
        project.events.public()
        .select_related(None)
        .with_counts("attended")  # lists show only the attendance
        .order_by("-start", "-pk")[:PROJECT_PAGE_LATEST]
    )
    return {
        "project": project,
        "upcoming": [event for event in reversed(latest) if not event.is_past(now)],
        "past": [event for event in latest if event.is_past(now)][:PROJECT_PAGE_PAST],
    }


@register.inclusion_tag("seminars/includes/upcoming_events.html")
def upcoming_events(count=3):
    """The next events of all projects, on the home page."""
    return {"events": list(Event.objects.public().upcoming()[:count])}
