"""Every public list is paginated: an accessible, translated navigation, filters kept
across pages, and a page that does not exist is a 404, never a 500."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import Publication
from projects.views import PROJECTS_ON_HOME
from tests.factories import ProjectFactory, PublicationFactory
from tests.seminars.factories import EventFactory, in_days
from tests.students.factories import ThesisTopicFactory

pytestmark = pytest.mark.django_db

# (URL name, page parameter): the events page pages its past and upcoming events apart.
LISTS = [
    ("projects:list", "page"),
    ("projects:publications", "page"),
    ("seminars:list", "page"),
    ("seminars:list", "upcoming_page"),
    ("students:topics", "page"),
]


def url(name, language="fi"):
    with translation.override(language):
        return reverse(name)


def _navigations(html):
    return re.findall(r'<nav class="pagination" aria-label="([^"]+)">(.*?)</nav>', html, re.S)


@pytest.fixture
def long_lists():
    """One item more than a page of each list."""
    project = ProjectFactory()
    ProjectFactory.create_batch(20)
    PublicationFactory.create_batch(21, project=project)
    for days in range(1, 22):
        EventFactory(project=project, start=in_days(-days), end=in_days(-days, 15))
        EventFactory(project=project, start=in_days(days), end=in_days(days, 15))
    ThesisTopicFactory.create_batch(31, project=project)


@pytest.mark.parametrize(("name", "param"), LISTS)
def test_a_long_list_has_pages_with_an_accessible_navigation(client, long_lists, name, param):
    first = client.get(url(name)).text
    labels = dict(_navigations(first))
    label = "Tulevien tapahtumien sivut" if param == "upcoming_page" else None
    label = label or ("Menneiden tapahtumien sivut" if name == "seminars:list" else "Sivut")
    nav = labels[label]
    assert re.search(r'<a href="[^"]*" aria-current="page"><span class="visually-hidden">Sivu </span>1</a>', nav)
    assert f'href="{url(name)}?{param}=2" rel="next"' in nav
    assert "Sivu 1 / 2" in nav
    second = client.get(f"{url(name)}?{param}=2")
    assert second.status_code == 200
    nav = dict(_navigations(second.text))[label]
    assert re.search(r'aria-current="page"><span class="visually-hidden">Sivu </span>2</a>', nav)
    assert f'href="{url(name)}" rel="prev"' in nav  # page 1 has one address, without the parameter


@pytest.mark.parametrize(("name", "param"), LISTS)
@pytest.mark.parametrize("page", ["0", "-1", "3", "abc", "1.5", "99999999999999999999"])
def test_a_page_that_does_not_exist_is_not_found(client, long_lists, name, param, page):
    assert client.get(url(name), {param: page}).status_code == 404


def test_a_short_list_has_no_page_navigation(client):
    ProjectFactory()
    assert "pagination" not in client.get(url("projects:list")).text


def test_the_page_links_keep_the_filters_and_the_other_lists_page(client, long_lists):
    nav = dict(_navigations(client.get(url("projects:publications"), {"kind": Publication.Kind.REPORT}).text))
    assert f'href="{url("projects:publications")}?kind=report&amp;page=2"' in nav["Sivut"]
    html = client.get(url("seminars:list"), {"upcoming_page": "2"}).text
    past = dict(_navigations(html))["Menneiden tapahtumien sivut"]
    assert "upcoming_page=2&amp;page=2" in past


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("sv", {"Sidor med kommande evenemang", "Sidor med tidigare evenemang"}),
        ("en", {"Pages of upcoming events", "Pages of past events"}),
    ],
)
def test_the_navigation_is_translated(client, long_lists, language, labels):
    html = client.get(url("seminars:list", language)).text
    assert {label for label, _nav in _navigations(html)} == labels
    assert ("Sida" if language == "sv" else "Page") + " </span>1" in html


def test_the_home_page_shows_a_bounded_number_of_projects_and_links_to_all(client):
    projects = ProjectFactory.create_batch(PROJECTS_ON_HOME + 3)
    html = client.get(url("projects:home")).text
    shown = [project for project in projects if project.get_absolute_url() in html]
    assert len(shown) == PROJECTS_ON_HOME
    assert f'<a href="{url("projects:list")}">Kaikki hankkeet</a>' in html
