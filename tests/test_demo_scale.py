"""``load_demo --scale N``: idempotent, clearly fictional, true to the models' rules, and
every public page runs as many SQL queries at ``--scale 50`` as at ``--scale 1``."""

import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from projects.demo_scale import scale_slug
from projects.models import Organisation, Project, Publication, PublicationState
from seminars.models import Event, Registration
from socoba_portal.demodata import finnish_holidays
from students.models import Cohort, Student, ThesisTopic
from tests.queries import page_queries

SLUGS = [scale_slug(number) for number in (1, 2, 3)]  # project 1 is running, 2 and 3 have ended
PAGES = [
    "home",
    "about",
    "project list",
    "project",
    "publication list",
    "publication",
    "event list",
    "event, upcoming",
    "event, past",
    "event ical",
    "calendar",
    "project calendar",
    "feed",
    "cohort",
    "thesis topics",
    "accessibility statement",
    "privacy notice",
    "sitemap",
]


def _load(scale):
    call_command("load_demo", scale=scale, stdout=io.StringIO())


def _state():
    """Every table's rows by primary key, with ``updated_at`` where the table has one."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed:
            continue
        fields = ["pk"] + (
            ["updated_at"] if any(f.name == "updated_at" for f in model._meta.concrete_fields) else []
        )
        state[model._meta.label] = sorted(model._base_manager.values_list(*fields))
    return state


@pytest.mark.django_db
def test_a_second_run_with_the_same_scale_changes_nothing(demo_data):
    projects_before = Project.objects.count()
    _load(3)
    assert Project.objects.count() == projects_before + 3
    first = _state()
    _load(3)
    assert _state() == first
    _load(2)  # a smaller scale deletes nothing
    assert _state() == first


@pytest.mark.django_db
def test_the_scaled_demo_is_complete_and_clearly_fictional(demo_data):
    organisations_before = set(Organisation.objects.values_list("pk", flat=True))
    _load(3)
    projects = Project.objects.filter(slug__in=SLUGS).with_public_relations()
    assert len(projects) == 3
    for project in projects:
        assert project.is_demo
        assert project.state == PublicationState.PUBLISHED
        assert all("(demo)" in getattr(project, f"name_{language}") for language in ("fi", "sv", "en"))
        project.full_clean()
        assert project.funding_total() == Decimal(100)
        assert len(project.spearheads.all()) == 2
        assert {p.role for p in project.partnerships.all()} >= {"administrator", "funding_authority"}
        assert len(project.contacts.all()) == 1
        assert Publication.objects.filter(project=project).count() == 10
        assert project.cohorts.get().students.count() == 25
        assert project.events.count() == 10
        assert project.thesis_topics.count() == 5
    new_organisations = Organisation.objects.exclude(pk__in=organisations_before)
    assert new_organisations.exists()
    assert all("(demo)" in organisation.name_fi for organisation in new_organisations)
    publications = Publication.objects.filter(project__slug__in=SLUGS)
    assert all(p.is_demo and "(demo)" in p.title for p in publications)
    assert len(set(publications.values_list("year", flat=True))) >= 4
    assert all("(demo)" in cohort.name_fi for cohort in Cohort.objects.filter(project__slug__in=SLUGS))
    assert all("(demo)" in topic.title_fi for topic in ThesisTopic.objects.filter(project__slug__in=SLUGS))
    students = Student.objects.filter(cohort__project__slug__in=SLUGS)
    registrations = Registration.objects.filter(event__project__slug__in=SLUGS)
    emails = [
        *students.values_list("email", flat=True),
        *registrations.values_list("email", flat=True),
        *projects[0].contacts.values_list("email", flat=True),
    ]
    assert emails
    assert all(email.endswith("@example.invalid") for email in emails)
    assert all(student.is_demo and student.last_name.endswith("(demo)") for student in students)
    assert all(registrations.values_list("is_demo", flat=True))
    assert all(Event.objects.filter(project__slug__in=SLUGS).values_list("is_demo", flat=True))
    # The scaled projects get no staff users (a password hash each would make the load slow).
    assert not get_user_model().objects.filter(email__contains="esimerkkihanke").exists()


@pytest.mark.django_db
def test_the_scaled_events_and_students_follow_the_rules(demo_data):
    _load(3)
    now = timezone.now()
    events = list(Event.objects.filter(project__slug__in=SLUGS).with_counts())
    upcoming = [event for event in events if not event.is_past(now)]
    assert upcoming
    assert len(upcoming) < len(events)
    for event in events:
        event.full_clean()
        assert event.confirmed_count + event.waitlisted_count + event.cancelled_count == 50
        assert event.capacity is None or event.confirmed_count <= event.capacity
        if event.waitlisted_count:
            assert event.is_full()  # a waiting list only when every place is taken
        day = timezone.localtime(event.start).date()
        assert day.weekday() < 5
        assert day not in finnish_holidays(day.year)
    for event in upcoming:
        assert event.attended_count == 0
        assert event.registration_is_open(now)
    assert any(event.waitlisted_count for event in upcoming)
    registrations = Registration.objects.filter(event__project__slug__in=SLUGS).select_related("event")
    for registration in registrations:
        assert registration.created_at < min(registration.event.start, now)
        assert not registration.attended or registration.status == Registration.Status.CONFIRMED
    for student in Student.objects.filter(cohort__project__slug__in=SLUGS).select_related("cohort"):
        student.full_clean()  # a graduate has every credit, each status its dates
    assert set(Student.objects.filter(cohort__project__slug=SLUGS[0]).values_list("status", flat=True)) >= {
        Student.Status.ACTIVE
    }
    assert Student.objects.filter(cohort__project__slug=SLUGS[1], status=Student.Status.GRADUATED).count() == 20


def _public_pages():
    """The public pages, as paths, in Finnish; the detail pages are those of scaled project 1."""
    project = Project.objects.get(slug=scale_slug(1))
    events = Event.objects.filter(project=project)
    return {
        "home": reverse("projects:home"),
        "about": reverse("projects:about"),
        "project list": reverse("projects:list"),
        "project": project.get_absolute_url(),
        "publication list": reverse("projects:publications"),
        "publication": project.publications.published().first().get_absolute_url(),
        "event list": reverse("seminars:list"),
        "event, upcoming": events.upcoming().first().get_absolute_url(),
        "event, past": events.past().first().get_absolute_url(),
        "event ical": reverse("seminars:ics", kwargs={"slug": events.first().slug}),
        "calendar": reverse("seminars:calendar"),
        "project calendar": reverse("seminars:project_calendar", kwargs={"project": project.slug}),
        "feed": reverse("seminars:feed"),
        "cohort": project.cohorts.get().get_absolute_url(),
        "thesis topics": reverse("students:topics"),
        "accessibility statement": reverse("legal:accessibility"),
        "privacy notice": reverse("legal:privacy"),
        "sitemap": reverse("sitemap"),
    }


@pytest.fixture(scope="module")
def query_counts(django_db_setup, django_db_blocker, tmp_path_factory):
    """``{scale: {page: queries}}`` after ``load_demo --scale 1`` and then ``--scale 50``, in one
    transaction rolled back at the end: the two loads and the pages take about 15 s once
    for every test here."""
    media = tmp_path_factory.mktemp("scaled-demo-media")
    counts = {}
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media / "public", PRIVATE_MEDIA_ROOT=media / "private"),
        translation.override("fi"),
        transaction.atomic(),
    ):
        for scale in (1, 50):
            _load(scale)
            if scale == 1:
                pages = _public_pages()
                assert list(pages) == PAGES
            client = Client()
            counts[scale] = {page: page_queries(client, path) for page, path in pages.items()}
        # At scale 50 the lists have several pages (first and last page links, an ellipsis).
        for page in ("project list", "publication list", "event list", "thesis topics"):
            assert 'class="pagination"' in client.get(pages[page]).text, page
        assert Project.objects.filter(is_demo=True, slug__startswith="esimerkkihanke-").count() == 50
        transaction.set_rollback(True)
    return counts


@pytest.mark.parametrize("page", PAGES)
def test_public_pages_run_as_many_queries_at_scale_50_as_at_scale_1(query_counts, page):
    small, large = query_counts[1][page], query_counts[50][page]
    assert len(large) == len(small), large
    assert len(small) <= 12
