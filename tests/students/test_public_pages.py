"""Public pages: aggregates only, the chart and its table, the topic bank, and
no student's name, email, number or employer on any public surface."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import Project, PublicationState
from students.models import Cohort, Student, ThesisTopic
from tests.factories import project_with_everything
from tests.queries import page_query_count

from .factories import CohortFactory, StudentFactory, ThesisTopicFactory, graduate, plan

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_cohort_and_topic_pages_answer_in_every_language(client, demo_data, language):
    for page in [
        url("students:cohort", language, slug="kainuu-2018"),
        url("students:cohort", language, slug="kymenlaakso-2018"),
        url("students:topics", language),
    ]:
        response = client.get(page)
        assert response.status_code == 200, page
        assert f'<html lang="{language}">' in response.text
        assert response.text.count("<h1") == 1


def test_kymenlaakso_cohort_page_shows_the_register_figures(client, demo_data):
    html = client.get(url("students:cohort", "en", slug="kymenlaakso-2018")).text
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd[^>]*>([^<]+)</dd>", html))
    assert figures["Admitted"] == "25"
    assert figures["Graduated"].strip() == "20 / 25"
    assert figures["Graduation rate (of the intake target)"] == "80%"
    assert figures["ESF participants who left with a qualification"] == "20"
    assert "Pro gradu" in html or "pro gradu" in html  # the study plan is public


def test_project_page_shows_the_cohort_summary(client, demo_data):
    html = client.get(url("projects:detail", "en", slug="kainuu")).text
    assert "16 / 20" in html
    assert url("students:cohort", "en", slug="kainuu-2018") in html
    # Approved topics are listed with their spearhead; proposed ones are not.
    assert "Remote meetings in social work with clients" in html
    assert "E-services" in html
    assert "Chat as a channel" not in html


def test_the_chart_is_accessible_svg_with_a_table_of_the_same_numbers(client, demo_data):
    html = client.get(url("students:cohort", "en", slug="kainuu-2018")).text
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert "<title id=" in svg and "<desc id=" in svg
    assert "Graduated: 16" in svg and "Admitted: 20" in svg and "Withdrawn: under 5" in svg
    table = html[html.index('<table class="progress-table">') :]
    assert '<th scope="row">Graduated</th><td class="num">16</td>' in table


def test_topic_bank_lists_approved_topics_of_published_projects_open_taken_or_done(client, demo_data):
    ThesisTopicFactory(title_fi="Luonnoshankkeen aihe", project__state=PublicationState.DRAFT)
    html = client.get(url("students:topics")).text
    for topic in ThesisTopic.objects.all():
        shown = topic.status in ThesisTopic.PUBLIC_STATUSES and topic.project.state == PublicationState.PUBLISHED
        assert (topic.title_fi in html) == shown, topic.title_fi
    assert "Kansalaislähtöinen sosiaalihuolto" in html


def test_a_draft_projects_cohort_is_not_found(client):
    cohort = CohortFactory(project__state=PublicationState.DRAFT)
    assert client.get(cohort.get_absolute_url()).status_code == 404


def _public_urls():
    """Every public page in every language, from the sitemap and the listing pages."""
    paths = set()
    for language in LANGUAGES:
        paths |= {
            url("projects:home", language),
            url("projects:about", language),
            url("projects:list", language),
            url("projects:publications", language),
            url("students:topics", language),
        }
        with translation.override(language):
            paths |= {project.get_absolute_url() for project in Project.objects.published()}
            paths |= {cohort.get_absolute_url() for cohort in Cohort.objects.public()}
    return paths


def test_no_student_data_on_any_public_page_feed_or_sitemap(client, demo_data):
    students = list(Student.objects.all())
    assert len(students) == 45
    paths = _public_urls()
    # Follow every link the public pages give, to reach everything a crawler would.
    seen, queue = set(), sorted(paths)
    sitemap = client.get("/sitemap.xml").text
    queue += [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    queue += ["/robots.txt", "/sitemap.xml"]
    pages = {}
    while queue:
        path = queue.pop()
        if path in seen or not path.startswith("/") or path.startswith(("/admin", "/static", "/media")):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or (
            "html" not in response.get("content-type", "") and "xml" not in response.get("content-type", "")
        ):
            pages[path] = response.content.decode(errors="replace")
            continue
        text = response.text
        pages[path] = text
        queue += [href for href in re.findall(r'href="(/[^"#?]*)', text) if "/accounts/" not in href]
    assert len(pages) > 30
    for path, text in pages.items():
        for student in students:
            for value in (
                student.full_name,
                student.last_name,
                student.email,
                student.student_number,
                student.employer,
            ):
                assert value not in text, (path, value)


def _cohort_with_students(project, count):
    cohort = CohortFactory(project=project)
    courses = plan(cohort)
    for index in range(count):
        student = StudentFactory(cohort=cohort)
        if index % 4 == 0:
            graduate(student, courses)
    ThesisTopicFactory(project=project)
    return cohort


def _add_students(cohort, count):
    StudentFactory.create_batch(count, cohort=cohort)


@pytest.mark.parametrize("page", ["cohort", "topics", "project"])
def test_public_cohort_views_run_a_constant_number_of_queries(client, page):
    project = project_with_everything()
    cohort = _cohort_with_students(project, 20)
    path = {
        "cohort": cohort.get_absolute_url(),
        "topics": url("students:topics"),
        "project": project.get_absolute_url(),
    }[page]
    small = page_query_count(client, path)
    _add_students(cohort, 1980)
    ThesisTopicFactory.create_batch(10, project=project)
    _cohort_with_students(project_with_everything(), 5)
    large = page_query_count(client, path)
    assert Student.objects.filter(cohort=cohort).count() == 2000
    assert large == small
