"""Error pages in the portal's layout and the URL's language, with the way back; the
500 page even with the database down; the CSRF failure explained; the favicon; and
the main navigation marking where the visitor is."""

from unittest import mock

import pytest
from django.contrib.staticfiles import finders
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.urls import reverse
from django.utils import translation

from socoba_portal.views import server_error
from tests.factories import ProjectFactory
from tests.seminars.factories import EventFactory

LANGUAGES = {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"}


def home(language):
    with translation.override(language):
        return reverse("projects:home")


def _assert_portal_page(response, language):
    html = response.text
    assert f'<html lang="{language}">' in html
    assert 'class="site-header"' in html
    assert 'class="main-nav"' in html
    assert f'href="{home(language)}"' in html
    assert "noindex" in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_not_found_in_the_urls_language_with_the_way_home(client, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    _assert_portal_page(response, language)
    assert LANGUAGES[language] in response.text
    # No other-language version of a missing page: the switcher offers the front pages.
    others = [code for code in LANGUAGES if code != language]
    for other in others:
        assert f'href="{home(other)}" hreflang="{other}"' in response.text


@pytest.mark.django_db
def test_a_missing_object_is_a_404_in_the_layout(client):
    response = client.get("/en/projects/no-such-project/")
    assert response.status_code == 404
    _assert_portal_page(response, "en")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_server_error_renders_without_the_database(language):
    client = Client(raise_request_exception=False)
    broken = mock.patch.object(CursorWrapper, "execute", side_effect=OperationalError("database is down"))
    with broken, translation.override(language):
        path = reverse("projects:list")
    with broken:
        # No django_db mark either: any query that got past the patch would raise too.
        response = client.get(path)
    assert response.status_code == 500
    _assert_portal_page(response, language)
    assert {"fi": "Palvelinvirhe", "sv": "Serverfel", "en": "Server error"}[language] in response.text


def test_server_error_page_needs_no_model(client):
    """The handler itself, with the database blocked (no django_db mark)."""
    request = client.get("/healthz").wsgi_request
    response = server_error(request)
    assert response.status_code == 500
    assert b'class="site-header"' in response.content


@pytest.mark.django_db
def test_bad_request_and_forbidden_use_the_layout(client, settings):
    settings.ROOT_URLCONF = "tests.error_urls"
    for path, status in [("/en/bad/", 400), ("/en/forbidden/", 403)]:
        response = client.get(path)
        assert response.status_code == status
        _assert_portal_page(response, "en")
    assert "Bad request" in client.get("/en/bad/").text
    assert "Access denied" in client.get("/en/forbidden/").text


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_csrf_failure_explains_and_leads_back_to_the_form(language):
    client = Client(enforce_csrf_checks=True)
    with translation.override(language):
        login = reverse("account_login")
    response = client.post(login, {"login": "x@example.org"}, HTTP_REFERER=f"http://testserver{login}")
    assert response.status_code == 403
    _assert_portal_page(response, language)
    expected = {"fi": "Lomake on vanhentunut", "sv": "Formuläret har gått ut", "en": "The form has expired"}
    assert expected[language] in response.text
    assert f'href="http://testserver{login}"' in response.text


@pytest.mark.django_db
def test_csrf_failure_does_not_link_back_to_another_site():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/accounts/login/", {}, HTTP_REFERER="https://evil.example/phish")
    assert response.status_code == 403
    assert "evil.example" not in response.text
    assert 'href="/en/">Go to the front page' in response.text


def test_favicon_is_served_and_linked(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("img/favicon.ico")
    assert "max-age=86400" in response["Cache-Control"]
    for name, magic in [
        ("favicon.ico", b"\0\0\1\0"),
        ("apple-touch-icon.png", b"\x89PNG"),
        ("favicon.svg", b"<svg"),
    ]:
        with open(finders.find(f"img/{name}"), "rb") as icon:
            assert icon.read(4) == magic, name


@pytest.mark.django_db
def test_every_page_links_its_icons(client):
    html = client.get("/fi/").text
    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in html
    assert 'rel="icon" href="/static/img/favicon.ico"' in html
    assert 'rel="apple-touch-icon" href="/static/img/apple-touch-icon.png"' in html


def _nav_current(html):
    nav = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return {
        part.split(">", 1)[1].split("<", 1)[0]: part.split('aria-current="', 1)[1].split('"', 1)[0]
        for part in nav.split("<a ")[1:]
        if "aria-current" in part
    }


@pytest.mark.django_db
def test_main_navigation_marks_the_current_page_and_section(client):
    project = ProjectFactory(slug="kainuu-testi")
    event = EventFactory(project=project, slug="seminaari-testi")
    with translation.override("en"):
        pages = {
            reverse("projects:home"): {"Home": "page"},
            reverse("projects:list"): {"Projects": "page"},
            reverse("projects:detail", kwargs={"slug": project.slug}): {"Projects": "true"},
            reverse("seminars:list"): {"Events": "page"},
            reverse("seminars:detail", kwargs={"slug": event.slug}): {"Events": "true"},
            reverse("projects:publications"): {"Publications": "page"},
            reverse("students:topics"): {"Thesis topics": "page"},
            reverse("legal:privacy"): {},
        }
    for path, expected in pages.items():
        assert _nav_current(client.get(path).text) == expected, path
