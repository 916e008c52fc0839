"""``load_demo --scale N``: ten events of each of the scaled demo's projects
(``projects.demo_scale``), with a short programme and 50 fictional registrants each.

An ended project's events are spread over its period; a running project's six past ones
over its first part and four upcoming ones over the next weeks, all on Finnish working
days (``working_day_on_or_after``). Registrations follow the events' rules: confirmed
while there are places, the rest on the waiting list, some cancelled; attendance only at
past events and only for confirmed places. Dates are fixed when an event is first created
and rows only ever added (``bulk_create_missing``), so a second run changes nothing.
"""

import datetime

from django.utils import timezone

from projects.demo_scale import is_running, scale_projects
from socoba_portal.demodata import bulk_create_missing, translations, working_day_on_or_after

from .models import Event, ProgrammeItem, Registration

EVENTS_PER_PROJECT = 10
UPCOMING_PER_RUNNING_PROJECT = 4
REGISTRATIONS_PER_EVENT = 50
# The capacities cycle: unlimited, room to spare, just full, a long waiting list.
CAPACITIES = [None, 80, 45, 30, 60]
KINDS = [Event.Kind.SEMINAR, Event.Kind.WORKSHOP, Event.Kind.NETWORK_MEETING, Event.Kind.WEBINAR]
HOURS = {Event.Kind.SEMINAR: (9, 15), Event.Kind.WEBINAR: (13, 14)}  # otherwise 12–15.30
THEMES = [
    ("Asiakkaan osallisuus", "Klientens delaktighet", "Client participation"),
    ("Sähköiset palvelut", "Elektroniska tjänster", "E-services"),
    ("Tutkiva sosiaalityö", "Forskande socialt arbete", "Research-minded social work"),
    ("Monialainen yhteistyö", "Sektorsövergripande samarbete", "Multi-professional co-operation"),
    ("Rakenteellinen sosiaalityö", "Strukturellt socialt arbete", "Structural social work"),
]
PROGRAMME = [
    (0, ("Avaus", "Öppning", "Opening"), "Koordinaattori (demo)"),
    (15, ("Alustus", "Inledning", "Keynote"), "Tutkija Esimerkki (demo)"),
    (60, ("Keskustelu ja yhteenveto", "Diskussion och sammanfattning", "Discussion and summary"), ""),
]


def _aware(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load(stdout, scale):
    now = timezone.now()
    projects = scale_projects(scale)
    bulk_create_missing(
        Event,
        (
            _event(number, project, index, day, now)
            for number, project in projects.items()
            for index, day in enumerate(_days(number, project, now.date()), start=1)
        ),
        key=("slug",),
    )
    events = list(Event.objects.filter(project__in=projects.values(), is_demo=True).order_by("pk"))
    with_programme = set(ProgrammeItem.objects.filter(event__in=events).values_list("event_id", flat=True))
    ProgrammeItem.objects.bulk_create(
        (item for event in events if event.pk not in with_programme for item in _programme(event)),
        batch_size=500,
    )
    # Created once: an event whose registrations were anonymised or deleted is not refilled.
    with_registrations = set(Registration.objects.filter(event__in=events).values_list("event_id", flat=True))
    Registration.objects.bulk_create(
        (
            registration
            for event in events
            if event.pk not in with_registrations
            for registration in _registrations(event, now)
        ),
        batch_size=500,
    )
    stdout.write(f"Scaled demo: {len(events)} events of {len(projects)} projects")


def _days(number, project, today):
    """The days of the project's events: past ones evenly over its period (up to two weeks
    ago), and a running project's upcoming ones in the weeks ahead."""
    upcoming = UPCOMING_PER_RUNNING_PROJECT if is_running(number) else 0
    first = project.planned_start + datetime.timedelta(days=30)
    last = min(project.planned_end, today - datetime.timedelta(days=14))
    past = EVENTS_PER_PROJECT - upcoming
    step = (last - first) / past
    days = [working_day_on_or_after(first + step * index) for index in range(past)]
    days += [working_day_on_or_after(today + datetime.timedelta(weeks=2 + 3 * index)) for index in range(upcoming)]
    return days


def _event(number, project, index, day, now):
    kind = KINDS[(number + index) % len(KINDS)]
    start_hour, end_hour = HOURS.get(kind, (12, 15))
    start, end = _aware(day, start_hour), _aware(day, end_hour, 30)
    theme = THEMES[(number + index) % len(THEMES)]
    kind_names = {
        Event.Kind.SEMINAR: ("Seminaari", "Seminarium", "Seminar"),
        Event.Kind.WORKSHOP: ("Työpaja", "Workshop", "Workshop"),
        Event.Kind.NETWORK_MEETING: ("Verkostotapaaminen", "Nätverksträff", "Network meeting"),
        Event.Kind.WEBINAR: ("Webinaari", "Webbinarium", "Webinar"),
    }[kind]
    online = kind == Event.Kind.WEBINAR
    upcoming = start > now
    return Event(
        project=project,
        slug=f"esimerkkihanke-{number}-tapahtuma-{index}-demo",
        kind=kind,
        status=Event.Status.PUBLISHED,
        is_demo=True,
        **translations(
            "title", *(f"{name} {index}: {topic} (demo)" for name, topic in zip(kind_names, theme, strict=True))
        ),
        **translations(
            "description",
            f"Esimerkkihankkeen {number} kuvitteellinen tapahtuma. (Demotapahtuma.)",
            f"Ett fiktivt evenemang i exempelprojekt {number}. (Demoevenemang.)",
            f"A fictional event of example project {number}. (Demo event.)",
        ),
        start=start,
        end=end,
        **translations(
            "venue", *(("", "", "") if online else ("Kokoustila (demo)", "Mötesrum (demo)", "Meeting room (demo)"))
        ),
        address=""
        if online
        else f"Esimerkkialueen {number} kaupungintalo (demo-osoite), Esimerkkikatu {index}, 99999 Esimerkkilä",
        online_url=f"https://example.invalid/esimerkkihanke-{number}-webinaari-{index}" if online else "",
        capacity=CAPACITIES[(number + index) % len(CAPACITIES)],
        registration_opens=now - datetime.timedelta(days=10) if upcoming else None,
        registration_deadline=_aware(day - datetime.timedelta(days=2), 23, 59) if upcoming else None,
    )


def _programme(event):
    start = timezone.localtime(event.start)
    end = timezone.localtime(event.end)
    times = [start + datetime.timedelta(minutes=minutes) for minutes, _titles, _speakers in PROGRAMME]
    return [
        ProgrammeItem(
            event=event,
            start_time=moment.time(),
            end_time=(times[position + 1] if position + 1 < len(times) else end).time(),
            speakers=speakers,
            **translations("title", *titles),
        )
        for position, (moment, (_minutes, titles, speakers)) in enumerate(zip(times, PROGRAMME, strict=True))
    ]


def _registrations(event, now):
    """Fifty registrants in the order they registered: every twelfth cancelled, the others
    confirmed while there are places and waitlisted after that; at a past event most of
    the confirmed attended."""
    past = event.end < now
    first = event.start - datetime.timedelta(days=20) if past else now - datetime.timedelta(days=9)
    confirmed = 0
    rows = []
    for number in range(1, REGISTRATIONS_PER_EVENT + 1):
        if number % 12 == 0:
            status = Registration.Status.CANCELLED
        elif event.capacity is None or confirmed < event.capacity:
            status = Registration.Status.CONFIRMED
            confirmed += 1
        else:
            status = Registration.Status.WAITLISTED
        created_at = first + datetime.timedelta(hours=4 * number)
        rows.append(
            Registration(
                event=event,
                name=f"Osallistuja {number} (demo)",
                email=f"osallistuja{number}.tapahtuma{event.pk}@example.invalid",
                organisation=f"Esimerkkiorganisaatio {number % 5 + 1} (demo)",
                status=status,
                attended=past and status == Registration.Status.CONFIRMED and number % 7 != 0,
                language=("fi", "sv", "en")[number % 3],
                consent_at=created_at,
                created_at=created_at,
                is_demo=True,
            )
        )
    return rows
