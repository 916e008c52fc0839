"""The page cache (socoba_portal/page_cache.py): anonymous visitors get stored pages, never
stale ones; signed-in users and visitors with a message get live pages; forms keep working."""

import datetime
import re
import socket
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from projects.models import FundingShare, Partnership
from seminars.models import Registration
from socoba_portal import page_cache
from socoba_portal.legal.models import AccessibilityStatement, PrivacyNotice
from tests.factories import (
    ContactFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProjectFactory,
    PublicationFactory,
    SpearheadFactory,
    project_with_everything,
)
from tests.public_forms import filled_by_a_person
from tests.queries import CACHE_TABLES
from tests.seminars.factories import (
    EventFactory,
    MaterialFactory,
    ProgrammeItemFactory,
    RegistrationFactory,
    in_days,
)
from tests.students.factories import CohortFactory, StudentFactory, ThesisTopicFactory, graduate, plan

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def served(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, (path, response.status_code)
    return response


def warm(client, path):
    """The page as the next anonymous visitor gets it: stored, and answered from the store."""
    served(client, path)
    response = served(client, path)
    assert response["X-Page-Cache"] == "hit"
    return response


# --- Who gets stored pages ----------------------------------------------------------------


def test_an_anonymous_visitor_gets_the_stored_page_with_one_cache_query(client, django_assert_num_queries):
    project = project_with_everything()
    first = served(client, project.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(1) as captured:  # version and page in one round trip
        second = served(client, project.get_absolute_url())
    assert any(table in captured.captured_queries[0]["sql"] for table in CACHE_TABLES)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_each_language_is_stored_apart(client):
    names = {"fi": "Hanke suomeksi", "sv": "Projekt på svenska", "en": "Project in English"}
    project = ProjectFactory(**{f"name_{language}": name for language, name in names.items()})
    for language in names:
        warm(client, url("projects:detail", language, slug=project.slug))
    for language, name in names.items():
        page = served(client, url("projects:detail", language, slug=project.slug)).text
        assert name in page
        assert all(other not in page for other in names.values() if other != name)


def test_the_query_string_is_part_of_the_key(client):
    PublicationFactory(title="Vuoden 2019 julkaisu", year=2019)
    PublicationFactory(title="Vuoden 2020 julkaisu", year=2020)
    base = url("projects:publications")
    warm(client, base + "?year=2019")
    page = served(client, base + "?year=2020").text
    assert "Vuoden 2020 julkaisu" in page and "Vuoden 2019 julkaisu" not in page


def test_a_signed_in_user_always_gets_a_live_private_page(client, admin_user):
    project = project_with_everything()
    warm(client, project.get_absolute_url())
    client.force_login(admin_user)
    response = served(client, project.get_absolute_url())
    assert response["X-Page-Cache"] == "live"
    assert "private" in response["Cache-Control"]
    assert served(client, project.get_absolute_url())["X-Page-Cache"] == "live"


def test_a_visitor_with_a_message_waiting_gets_a_live_page(client, settings):
    settings.PUBLIC_FORM_MIN_FILL_SECONDS = 0
    event = EventFactory(capacity=20)
    RegistrationFactory.create_batch(5, event=event)
    assert "vapaana: 15" in warm(client, event.get_absolute_url()).text
    response = client.post(
        url("seminars:register", slug=event.slug),
        filled_by_a_person({"name": "Maija Meikäläinen", "email": "maija@example.org", "consent": "on"}),
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(event.get_absolute_url())
    assert "Paikkasi on vahvistettu" in response.text or "confirmed" in response.text.lower()
    assert response["X-Page-Cache"] == "live"
    # The message was shown once; the next visit is a stored page with the new free places.
    again = served(client, event.get_absolute_url())
    assert again["X-Page-Cache"] == "miss"
    assert "vapaana: 14" in again.text


def test_a_very_long_query_string_is_served_live_and_not_stored(client):
    path = url("projects:publications") + "?year=" + "1" * 600
    assert served(client, path)["X-Page-Cache"] == "live"
    assert served(client, path)["X-Page-Cache"] == "live"


def test_only_successful_answers_are_stored(client):
    missing = url("projects:detail", slug="ei-viela")
    assert client.get(missing).status_code == 404
    project = ProjectFactory(slug="ei-viela")
    assert served(client, project.get_absolute_url())["X-Page-Cache"] == "miss"


def test_private_pages_are_never_stored(client):
    registration = RegistrationFactory()
    cancel = url("seminars:cancel", token=registration.token)
    for _ in range(2):
        response = client.get(cancel)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert response.get("X-Page-Cache") is None


# --- Forms on stored pages ------------------------------------------------------------------


def _form_values(page):
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    started = re.search(r'name="form_started" value="([^"]+)"', page).group(1)
    return token, started


def test_a_stored_page_gives_each_visitor_a_fresh_csrf_token_and_start_time(client):
    event = EventFactory(capacity=20)
    first = served(Client(), event.get_absolute_url())
    second = served(Client(), event.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert _form_values(first.text)[0] != _form_values(second.text)[0]
    assert _form_values(first.text)[1] != _form_values(second.text)[1]
    assert "\x00" not in second.text
    # Each visitor gets the CSRF cookie their token belongs to; the page is theirs alone.
    assert "csrftoken" in second.cookies
    assert "private" in second["Cache-Control"]


def test_registration_works_from_a_stored_page_with_csrf_checks_on(settings):
    settings.PUBLIC_FORM_MIN_FILL_SECONDS = 0
    event = EventFactory(capacity=20)
    served(Client(), event.get_absolute_url())  # stored by an earlier visitor
    visitor = Client(enforce_csrf_checks=True)
    page = served(visitor, event.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    token, started = _form_values(page.text)
    data = {
        "csrfmiddlewaretoken": token,
        "form_started": started,
        "website": "",
        "name": "Matti Meikäläinen",
        "email": "matti@example.org",
        "consent": "on",
    }
    response = visitor.post(url("seminars:register", slug=event.slug), data)
    assert response.status_code == 302
    assert Registration.objects.filter(event=event, email="matti@example.org").exists()


def test_a_post_without_the_visitors_own_token_is_refused(settings):
    settings.PUBLIC_FORM_MIN_FILL_SECONDS = 0
    event = EventFactory(capacity=20)
    _token, started = _form_values(served(Client(), event.get_absolute_url()).text)
    stranger = Client(enforce_csrf_checks=True)
    served(stranger, event.get_absolute_url())
    response = stranger.post(
        url("seminars:register", slug=event.slug),
        {"csrfmiddlewaretoken": "x" * 64, "form_started": started, "name": "A", "email": "a@example.org"},
    )
    assert response.status_code == 403
    assert not Registration.objects.filter(event=event).exists()


def test_the_accessibility_feedback_form_works_from_a_stored_page(settings, demo_data, mailoutbox):
    settings.PUBLIC_FORM_MIN_FILL_SECONDS = 0
    path = url("legal:accessibility")
    served(Client(), path)
    visitor = Client(enforce_csrf_checks=True)
    page = served(visitor, path)
    assert page["X-Page-Cache"] == "hit"
    token, started = _form_values(page.text)
    form = {"csrfmiddlewaretoken": token, "form_started": started, "website": ""}
    fields = set(re.findall(r'<(?:input|textarea)[^>]* name="([a-z_]+)"', page.text)) - set(form)
    form |= dict.fromkeys(fields, "Palautetta: kuvalta puuttuu tekstivastine.")
    form |= {name: "palaute@example.org" for name in fields if "email" in name}
    response = visitor.post(path, form)
    assert response.status_code == 302, response.text[:2000]


# --- Conditional GET and proxies ------------------------------------------------------------


def test_an_unchanged_page_answers_304_to_its_etag_and_200_after_a_change(client):
    project = project_with_everything()
    path = project.get_absolute_url()
    etag = served(client, path)["ETag"]
    assert client.get(path, headers={"if-none-match": etag}).status_code == 304
    project.summary_fi = "Uusi tiivistelmä."
    project.save()
    changed = client.get(path, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert "Uusi tiivistelmä." in changed.text
    assert changed["ETag"] != etag


def test_a_page_without_a_form_lets_a_front_proxy_keep_it_briefly(client, settings):
    settings.PAGE_CACHE_PROXY_SECONDS = 30
    response = served(client, url("projects:list"))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=30"} <= cache_control
    assert "Cookie" in response["Vary"]


def test_a_page_with_a_form_is_private_to_its_visitor_and_revalidates_on_their_cookie():
    event = EventFactory(capacity=20)
    visitor = Client()
    first = served(visitor, event.get_absolute_url())
    assert {"private", "no-cache"} <= {part.strip() for part in first["Cache-Control"].split(",")}
    assert visitor.get(event.get_absolute_url(), headers={"if-none-match": first["ETag"]}).status_code == 304
    # Another visitor (another CSRF cookie) never matches the first one's copy.
    stranger = Client()
    served(stranger, url("projects:home"))
    assert stranger.get(event.get_absolute_url(), headers={"if-none-match": first["ETag"]}).status_code == 200


# --- Never stale: every relation a page shows ---------------------------------------------


def _event_with_room(project):
    event = EventFactory(project=project, capacity=30, title_fi="Verkostotapaaminen")
    RegistrationFactory.create_batch(5, event=event)
    return event


def _rename_shared_organisation(project):
    organisation = Partnership.objects.filter(project=project).first().organisation
    organisation.name_fi = "Uudelleen nimetty yliopisto"
    organisation.save()
    return "Uudelleen nimetty yliopisto"


def _change_funding_share(project):
    share = project.funding_shares.get(source=FundingShare.Source.ESF)
    share.percentage = Decimal(70)
    share.save()
    return "70 %"


def _add_partner(project):
    PartnershipFactory(project=project, organisation=OrganisationFactory(name_fi="Uusi kumppani ry"))
    return "Uusi kumppani ry"


def _remove_partner(project):
    partnership = PartnershipFactory(
        project=project, organisation=OrganisationFactory(name_fi="Lähtevä kumppani ry")
    )
    return partnership, "Lähtevä kumppani ry"


def _add_contact(project):
    ContactFactory(project=project, name="Uusi Yhteyshenkilö")
    return "Uusi Yhteyshenkilö"


def _add_spearhead(project):
    SpearheadFactory(project=project, name_fi="Uusi kehittämiskärki")
    return "Uusi kehittämiskärki"


def _add_publication(project):
    PublicationFactory(project=project, title="Uusi julkaisu 2026")
    return "Uusi julkaisu 2026"


def _change_project(project):
    project.summary_fi = "Päivitetty kuvaus hankkeesta."
    project.save()
    return "Päivitetty kuvaus hankkeesta."


def _add_event(project):
    EventFactory(project=project, title_fi="Uusi työpaja")
    return "Uusi työpaja"


@pytest.mark.parametrize(
    "change",
    [
        _change_project,
        _rename_shared_organisation,
        _change_funding_share,
        _add_partner,
        _add_contact,
        _add_spearhead,
        _add_publication,
        _add_event,
    ],
)
def test_the_project_page_shows_every_change_at_once(client, change):
    project = project_with_everything()
    path = project.get_absolute_url()
    warm(client, path)
    expected = change(project)
    response = served(client, path)
    assert response["X-Page-Cache"] == "miss"
    assert expected in response.text


def test_a_shared_organisations_new_name_shows_on_every_project_using_it(client):
    university = OrganisationFactory(name_fi="Yhteinen yliopisto")
    first, second = ProjectFactory(), ProjectFactory()
    for project in (first, second):
        PartnershipFactory(project=project, organisation=university, role=Partnership.Role.ADMINISTRATOR)
        warm(client, project.get_absolute_url())
    university.name_fi = "Uusi yhteinen nimi"
    university.save()
    for project in (first, second):
        assert "Uusi yhteinen nimi" in served(client, project.get_absolute_url()).text


def test_a_deleted_partner_and_publication_leave_the_page_at_once(client):
    project = project_with_everything()
    partnership, name = _remove_partner(project)
    publication = PublicationFactory(project=project, title="Poistuva julkaisu")
    page = warm(client, project.get_absolute_url()).text
    assert name in page and "Poistuva julkaisu" in page
    partnership.delete()
    publication.delete()
    page = served(client, project.get_absolute_url()).text
    assert name not in page and "Poistuva julkaisu" not in page


def test_event_pages_show_programme_materials_and_free_places_at_once(client):
    event = _event_with_room(ProjectFactory())
    paths = [event.get_absolute_url(), url("seminars:list"), event.project.get_absolute_url()]
    for path in paths:
        warm(client, path)
    ProgrammeItemFactory(event=event, title_fi="Uusi ohjelmanumero")
    assert "Uusi ohjelmanumero" in served(client, event.get_absolute_url()).text
    warm(client, event.get_absolute_url())
    MaterialFactory(event=event, title_fi="Uusi materiaali")
    assert "Uusi materiaali" in served(client, event.get_absolute_url()).text
    warm(client, event.get_absolute_url())
    RegistrationFactory(event=event)
    assert "vapaana: 24" in served(client, event.get_absolute_url()).text
    warm(client, event.get_absolute_url())
    Registration.objects.filter(event=event).first().delete()
    assert "vapaana: 25" in served(client, event.get_absolute_url()).text
    for path in paths:
        warm(client, path)
    event.title_fi = "Uudelleen nimetty tapaaminen"
    event.save()
    for path in paths:
        assert "Uudelleen nimetty tapaaminen" in served(client, path).text


def test_a_translation_shows_at_once_in_its_language(client):
    event = EventFactory(title_sv="Seminarium på svenska")
    path = url("seminars:detail", "sv", slug=event.slug)
    assert "Seminarium på svenska" in warm(client, path).text
    event.title_sv = "Nytt svenskt namn"
    event.save()
    assert "Nytt svenskt namn" in served(client, path).text


def test_cohort_aggregates_and_topics_show_at_once(client):
    project = ProjectFactory()
    cohort = CohortFactory(project=project)
    courses = plan(cohort, courses=2, credits=60)
    students = StudentFactory.create_batch(10, cohort=cohort)
    for student in students[:5]:
        graduate(student, courses)
    cohort_path, topics_path = cohort.get_absolute_url(), url("students:topics")
    assert served(client, cohort_path).context["stats"].graduated == 5
    warm(client, cohort_path)
    warm(client, topics_path)
    for student in students[5:]:
        graduate(student, courses)
    after = served(client, cohort_path)
    assert after["X-Page-Cache"] == "miss"
    assert after.context["stats"].graduated == 10
    ThesisTopicFactory(project=project, title_fi="Uusi tutkielma-aihe")
    assert "Uusi tutkielma-aihe" in served(client, topics_path).text


def test_legal_pages_show_a_change_at_once(client, demo_data):
    accessibility, privacy = url("legal:accessibility"), url("legal:privacy")
    warm(client, accessibility)
    warm(client, privacy)
    statement = AccessibilityStatement.current()
    statement.known_gaps_fi = "Uusi tunnettu puute: videoilta puuttuu tekstitys."
    statement.save()
    notice = PrivacyNotice.current()
    notice.title_fi = "Päivitetty tietosuojaseloste"
    notice.save()
    assert "Uusi tunnettu puute" in served(client, accessibility).text
    assert "Päivitetty tietosuojaseloste" in served(client, privacy).text


def test_changes_that_no_page_shows_keep_the_stored_pages(client, admin_user):
    path = project_with_everything().get_absolute_url()
    warm(client, path)
    admin_user.first_name = "Uusi"
    admin_user.save()
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now())
    assert served(client, path)["X-Page-Cache"] == "hit"


def test_a_page_made_from_rows_that_changed_meanwhile_is_never_served(client):
    """A worker reads the version, renders from the old rows, and stores its page after the
    change was committed: its entry carries the old version, so nobody gets it."""
    project = project_with_everything()
    path = project.get_absolute_url()
    old = page_cache.current_version()
    stale = page_cache._entry(served(client, path), old["token"])
    _change_project(project)
    page_cache._cache().set(page_cache._key(served(client, path).wsgi_request), stale)
    assert "Päivitetty kuvaus hankkeesta." in served(client, path).text


def test_the_change_is_made_known_again_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        project = ProjectFactory()
        project.save()
        ProjectFactory()
    assert callbacks.count(page_cache._bump_after_commit) == 1  # once a transaction, not once a row


# --- Never stale: pages that change by themselves -----------------------------------------


def test_an_event_moves_from_upcoming_to_past_when_it_ends(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    event = EventFactory(start=in_days(1, 9), end=in_days(1, 15), title_fi="Huomisen seminaari")
    first = served(client, url("seminars:list"))
    assert [e.title for e in first.context["upcoming_events"]] == ["Huomisen seminaari"]
    assert served(client, url("seminars:list"))["X-Page-Cache"] == "hit"
    time_machine.move_to(event.end + datetime.timedelta(minutes=1))
    response = served(client, url("seminars:list"))
    assert response["X-Page-Cache"] == "miss"
    assert [e.title for e in response.context["past_events"]] == ["Huomisen seminaari"]
    assert list(response.context["upcoming_events"]) == []


def test_the_form_goes_when_the_registration_deadline_passes(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    deadline = in_days(2, 12)
    event = EventFactory(start=in_days(5), end=in_days(5, 15), registration_deadline=deadline)
    time_machine.move_to(deadline - datetime.timedelta(minutes=1))
    assert 'name="csrfmiddlewaretoken"' in warm(client, event.get_absolute_url()).text
    time_machine.move_to(deadline - datetime.timedelta(seconds=1))
    assert served(client, event.get_absolute_url())["X-Page-Cache"] == "hit"
    time_machine.move_to(deadline + datetime.timedelta(seconds=1))
    response = served(client, event.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert 'name="csrfmiddlewaretoken"' not in response.text


def test_the_form_appears_when_registration_opens(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    opens = in_days(1, 8)
    event = EventFactory(start=in_days(10), end=in_days(10, 15), registration_opens=opens)
    assert 'name="csrfmiddlewaretoken"' not in warm(client, event.get_absolute_url()).text
    time_machine.move_to(opens + datetime.timedelta(seconds=1))
    assert 'name="csrfmiddlewaretoken"' in served(client, event.get_absolute_url()).text


def test_stored_pages_are_made_anew_after_midnight(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 4, 23, 59, tzinfo=HELSINKI), tick=False)
    path = url("projects:list")
    warm(client, path)
    time_machine.move_to(datetime.datetime(2026, 12, 5, 0, 0, 1, tzinfo=HELSINKI))
    assert served(client, path)["X-Page-Cache"] == "miss"


def test_a_setting_changed_in_a_test_is_never_hidden_by_a_stored_page(client, settings):
    path = url("projects:list")
    warm(client, path)
    settings.PUBLIC_MIN_GROUP = 3
    assert served(client, path)["X-Page-Cache"] == "miss"


# --- The cache down -------------------------------------------------------------------------


def test_with_the_cache_down_the_page_is_made_live(client, settings):
    project = project_with_everything()
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, nobody listening: connections are refused
    unused_tcp_port = closed.getsockname()[1]
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{unused_tcp_port}/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        },
    }
    response = served(client, project.get_absolute_url())
    closed.close()
    assert response["X-Page-Cache"] == "live"
    assert project.name in response.text


# --- Nobody fills the cache ---------------------------------------------------------------


def _page_rows():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM socoba_page_cache WHERE cache_key LIKE %s", ["%page:%"])
        return cursor.fetchone()[0]


def test_a_made_up_query_parameter_gets_a_live_page_and_stores_nothing(client):
    path = url("projects:publications")
    warm(client, path)
    before = _page_rows()
    for number in range(5):
        response = served(client, f"{path}?utm_source=x{number}")
        assert response["X-Page-Cache"] == "live"
    assert _page_rows() == before
    # The parameters the pages read are stored as usual.
    assert served(client, f"{path}?page=1&year=2020")["X-Page-Cache"] == "miss"
    assert _page_rows() == before + 1


def test_a_page_larger_than_the_limit_is_served_but_not_stored(client, settings):
    settings.PAGE_CACHE_MAX_BYTES = 1000
    path = project_with_everything().get_absolute_url()
    before = _page_rows()
    assert served(client, path)["X-Page-Cache"] == "live"
    assert served(client, path)["X-Page-Cache"] == "live"
    assert _page_rows() == before


def test_every_ignored_model_named_in_the_settings_exists(settings):
    """A misspelt label would silently make its model empty the cache on every save."""
    from django.apps import apps

    labels = {model._meta.label_lower for model in apps.get_models(include_auto_created=True)}
    app_labels = {config.label for config in apps.get_app_configs()}
    for name in settings.PAGE_CACHE_IGNORED_MODELS:
        assert name.lower() in labels | app_labels, name


def test_sending_feedback_or_mail_keeps_the_stored_pages(
    client, settings, demo_data, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_MIN_FILL_SECONDS = 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # mail queued as a row
    path = url("projects:publications")
    warm(client, path)
    feedback = url("legal:accessibility")
    visitor = Client()
    token, started = _form_values(served(visitor, feedback).text)
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(
            feedback,
            {
                "csrfmiddlewaretoken": token,
                "form_started": started,
                "website": "",
                "email": "palaute@example.org",
                "message": "Kuvalta puuttuu tekstivastine.",
                "page": "https://example.org/",
            },
        )
    assert response.status_code == 302
    assert DBTaskResult.objects.exists()  # the mail waits for the worker as a row
    assert served(client, path)["X-Page-Cache"] == "hit"


# --- Redis (REDIS_URL) ---------------------------------------------------------------------


@pytest.fixture
def redis_pages(settings, local_redis):
    """The page cache in the local Redis, as production runs it."""
    settings.CACHES = {**settings.CACHES, "pages": local_redis.cache("pages")}


def test_in_redis_pages_are_stored_shared_and_never_stale(client, redis_pages):
    project = project_with_everything()
    path = project.get_absolute_url()
    warm(client, path)
    # Another visitor gets the same stored page.
    assert served(Client(), path)["X-Page-Cache"] == "hit"
    _change_project(project)
    response = served(Client(), path)
    assert response["X-Page-Cache"] == "miss"
    assert "Päivitetty kuvaus hankkeesta." in response.text
