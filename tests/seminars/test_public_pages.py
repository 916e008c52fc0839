"""The public event pages, calendars and feeds: content, filters, drafts hidden,
no registrant data anywhere, and constant query counts."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from projects.models import PublicationState
from seminars.models import Event, Material, Registration
from tests.factories import ProjectFactory
from tests.queries import page_query_count
from tests.seminars.factories import (
    EventFactory,
    MaterialFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
    event_with_everything,
    in_days,
)

pytestmark = pytest.mark.django_db


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_event_pages_answer_in_every_language(client, demo_data, language):
    pages = [
        url("seminars:list", language),
        url("seminars:detail", language, slug="socoba-seminaari-3-kainuu"),
        url("seminars:detail", language, slug="socoba-tyopaja-demo"),
        url("seminars:detail", language, slug="socoba-webinaari-demo"),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert f'<html lang="{language}">' in response.text
        assert response.text.count("<h1") == 1


def test_event_page_shows_programme_place_map_and_materials(client):
    event = EventFactory(start=in_days(-10), end=in_days(-10, 16))
    ProgrammeItemFactory(event=event, title_fi="Avauspuheenvuoro", speakers="Puhuja (testi), Yliopisto")
    MaterialFactory(event=event, title_fi="Diat", visibility=Material.Visibility.AFTER_EVENT)
    html = client.get(event.get_absolute_url()).text
    assert "Avauspuheenvuoro" in html
    assert "Puhuja (testi), Yliopisto" in html
    assert "Diat" in html
    assert "https://www.openstreetmap.org/search?query=Torikatu+10%2C+45100+Kouvola" in html
    # A link to a map, no embedded map or tracker: the only script is the JSON-LD data block.
    assert html.count("<script") == html.count('<script type="application/ld+json">') == 1
    assert "Registration is closed" in client.get(url("seminars:detail", "en", slug=event.slug)).text


def test_materials_for_after_the_event_appear_only_after_it(client):
    event = EventFactory()
    MaterialFactory(event=event, title_fi="Ohjelma-PDF", visibility=Material.Visibility.WITH_EVENT)
    MaterialFactory(event=event, title_fi="Esitysdiat", visibility=Material.Visibility.AFTER_EVENT)
    html = client.get(event.get_absolute_url()).text
    assert "Ohjelma-PDF" in html
    assert "Esitysdiat" not in html


def test_series_label_and_finnish_time_format(client):
    start = in_days(20, 9).replace(minute=15)
    event = EventFactory(
        series_name_fi="SOCOBA-seminaari",
        series_number=3,
        series_total=6,
        start=start,
        end=start + datetime.timedelta(hours=6),
    )
    html = client.get(event.get_absolute_url()).text
    assert "SOCOBA-seminaari 3/6" in html
    assert f"{start.day}.{start.month}.{start.year} klo 9.15–15.15" in html


def test_drafts_and_events_of_draft_projects_are_hidden(client):
    draft = EventFactory(status=Event.Status.DRAFT, title_fi="Luonnostapahtuma")
    hidden_project = EventFactory(
        project=ProjectFactory(state=PublicationState.DRAFT), title_fi="Piilohankkeen tapahtuma"
    )
    for event in (draft, hidden_project):
        assert client.get(event.get_absolute_url()).status_code == 404
        assert client.get(url("seminars:ics", slug=event.slug)).status_code == 404
    for page in [url("seminars:list"), url("projects:home"), url("seminars:calendar"), url("seminars:feed")]:
        text = client.get(page).content.decode()
        assert "Luonnostapahtuma" not in text
        assert "Piilohankkeen tapahtuma" not in text


def test_cancelled_event_is_shown_as_cancelled(client):
    event = EventFactory(status=Event.Status.CANCELLED)
    html = client.get(url("seminars:detail", "en", slug=event.slug)).text
    assert "This event has been cancelled." in html
    assert '<form method="post"' not in html
    ics = Calendar.from_ical(client.get(url("seminars:ics", slug=event.slug)).content)
    assert str(ics.walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_list_separates_upcoming_and_past_and_filters(client):
    kainuu = ProjectFactory(slug="kainuu-testi")
    EventFactory(project=kainuu, kind=Event.Kind.WORKSHOP, title_fi="Tuleva työpaja")
    EventFactory(
        project=kainuu,
        title_fi="Vanha seminaari",
        start=datetime.datetime(2019, 5, 1, 9, tzinfo=datetime.UTC),
        end=datetime.datetime(2019, 5, 1, 15, tzinfo=datetime.UTC),
    )
    EventFactory(
        title_fi="Toisen hankkeen seminaari",
        start=datetime.datetime(2020, 5, 1, 9, tzinfo=datetime.UTC),
        end=datetime.datetime(2020, 5, 1, 15, tzinfo=datetime.UTC),
    )
    base = url("seminars:list")
    response = client.get(base)
    assert [e.title for e in response.context["upcoming_events"]] == ["Tuleva työpaja"]
    assert [e.title for e in response.context["past_events"]] == ["Toisen hankkeen seminaari", "Vanha seminaari"]
    by_project = client.get(base + "?project=kainuu-testi").context
    assert len(by_project["past_events"]) == 1 and len(by_project["upcoming_events"]) == 1
    by_year = client.get(base + "?year=2019").context
    assert by_year["paginator"].count == 1
    assert list(by_year["upcoming_events"]) == []
    by_kind = client.get(base + "?kind=workshop").context
    assert by_kind["paginator"].count == 0 and len(by_kind["upcoming_events"]) == 1


@pytest.mark.parametrize("query", ["year=abc", "kind=nonsense", "project=no-such", "year=1900"])
def test_bad_filter_input_is_reported_and_ignored(client, query):
    EventFactory(start=in_days(-5), end=in_days(-5, 15))
    response = client.get(url("seminars:list") + "?" + query)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert response.context["paginator"].count == 1


def test_a_nul_byte_in_a_filter_is_a_bad_request(client):
    assert client.get(url("seminars:list") + "?kind=%00").status_code == 400


def test_no_registrant_data_on_any_public_page(client, demo_data):
    event = Event.objects.get(slug="socoba-tyopaja-demo")
    secret = RegistrationFactory(
        event=event, name="Salainen Ilmoittautuja", email="salainen@example.org", organisation="Salaorganisaatio"
    )
    project = event.project
    events = list(Event.objects.public())
    names = list(Registration.objects.exclude(name="").values_list("name", "email"))
    assert len(names) > 100
    for language in ["fi", "en"]:
        pages = [
            url("projects:home", language),
            url("projects:detail", language, slug=project.slug),
            url("seminars:list", language),
            url("seminars:list", language) + "?project=" + project.slug,
            url("seminars:calendar", language),
            url("seminars:project_calendar", language, project=project.slug),
            url("seminars:feed", language),
            "/sitemap.xml",
        ]
        pages += [url("seminars:detail", language, slug=e.slug) for e in events]
        pages += [url("seminars:ics", language, slug=e.slug) for e in events]
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, page
            text = response.content.decode()
            assert secret.name not in text and secret.email not in text and secret.organisation not in text
            for name, email in names:
                assert name not in text and email not in text, page


def test_cancellation_page_is_not_indexed(client):
    registration = RegistrationFactory()
    response = client.get(registration.get_cancel_url())
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_project_page_and_home_page_show_events(client):
    project = ProjectFactory()
    EventFactory(project=project, title_fi="Tuleva A", start=in_days(5), end=in_days(5, 15))
    EventFactory(project=project, title_fi="Tuleva B", start=in_days(6), end=in_days(6, 15))
    EventFactory(project=project, title_fi="Tuleva C", start=in_days(7), end=in_days(7, 15))
    EventFactory(project=project, title_fi="Tuleva D", start=in_days(8), end=in_days(8, 15))
    EventFactory(project=project, title_fi="Mennyt", start=in_days(-8), end=in_days(-8, 15))
    home = client.get(url("projects:home")).text
    assert "Tuleva A" in home and "Tuleva C" in home
    assert "Tuleva D" not in home  # the next three
    assert home.index("Tuleva A") < home.index("Tuleva B")
    page = client.get(project.get_absolute_url()).text
    for title in ["Tuleva A", "Tuleva D", "Mennyt"]:
        assert title in page
    assert url("seminars:project_calendar", project=project.slug) in page


def _valid_calendar(content):
    calendar = Calendar.from_ical(content)
    assert str(calendar["version"]) == "2.0"
    assert calendar["prodid"]
    timezones = [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")]
    assert timezones == ["Europe/Helsinki"]
    for component in calendar.walk("VEVENT"):
        assert component["uid"] and component["dtstamp"] and component["summary"]
        assert component["dtstart"].params["TZID"] == "Europe/Helsinki"
        assert component.start.tzinfo is not None
    return calendar


def test_event_ics_is_valid_icalendar_with_the_time_zone(client):
    start = datetime.datetime(2026, 3, 10, 7, 15, tzinfo=datetime.UTC)  # 9.15 in Helsinki
    event = EventFactory(start=start, end=start + datetime.timedelta(hours=2), title_fi="Kalenteritapahtuma")
    response = client.get(url("seminars:ics", slug=event.slug))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = _valid_calendar(response.content)
    (component,) = calendar.walk("VEVENT")
    assert component.start == start
    assert component.start.strftime("%H:%M") == "09:15"
    assert str(component["summary"]) == "Kalenteritapahtuma"
    assert "Torikatu 10" in str(component["location"])
    assert event.get_absolute_url() in str(component["url"])


def test_calendar_feeds_for_all_and_per_project(client):
    first, second = ProjectFactory(), ProjectFactory()
    EventFactory.create_batch(2, project=first)
    EventFactory(project=second, start=in_days(-30), end=in_days(-30, 15))
    EventFactory(project=second, status=Event.Status.DRAFT)
    everything = _valid_calendar(client.get(url("seminars:calendar")).content)
    assert len(everything.walk("VEVENT")) == 3
    of_first = _valid_calendar(client.get(url("seminars:project_calendar", project=first.slug)).content)
    assert len(of_first.walk("VEVENT")) == 2
    assert client.get(url("seminars:project_calendar", project="no-such")).status_code == 404
    assert len({str(e["uid"]) for e in everything.walk("VEVENT")}) == 3


def test_atom_feed_lists_upcoming_events(client):
    EventFactory(title_fi="Tuleva tapahtuma")
    EventFactory(title_fi="Mennyt tapahtuma", start=in_days(-3), end=in_days(-3, 15))
    response = client.get(url("seminars:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Tuleva tapahtuma" in titles
    assert "Mennyt tapahtuma" not in titles


def test_sitemap_lists_public_events(client):
    public = EventFactory()
    draft = EventFactory(status=Event.Status.DRAFT)
    xml = client.get("/sitemap.xml").text
    assert public.slug in xml
    assert draft.slug not in xml


@pytest.mark.parametrize("page", ["list", "detail", "home", "project", "calendar", "feed", "ics"])
def test_public_pages_run_a_constant_number_of_queries(client, page):
    def path():
        event = Event.objects.order_by("pk").first()
        return {
            "list": url("seminars:list"),
            "detail": event.get_absolute_url(),
            "home": url("projects:home"),
            "project": event.project.get_absolute_url(),
            "calendar": url("seminars:calendar"),
            "feed": url("seminars:feed"),
            "ics": url("seminars:ics", slug=event.slug),
        }[page]

    first = event_with_everything()
    EventFactory(project=first.project, start=in_days(-40), end=in_days(-40, 15))
    small = page_query_count(client, path())
    event_with_everything(project=first.project, programme=12, materials=6, registrations=8)
    for days in range(1, 12):
        event_with_everything(
            project=first.project,
            programme=3,
            registrations=3,
            start=in_days(-days * 20),
            end=in_days(-days * 20, 15),
        )
        event_with_everything(programme=2, start=in_days(days), end=in_days(days, 15))
    large = page_query_count(client, path())
    assert large == small
    assert small <= 8
