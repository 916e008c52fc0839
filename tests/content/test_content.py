"""What visitors read: the privacy notice, the demo in three languages, partners,
funding authority, EU block and thesis topics."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from projects.models import Project
from projects.reports import ProjectReport
from seminars.models import Event, ProgrammeItem
from socoba_portal.demodata import easter_sunday, finnish_holidays, working_day_on_or_after
from socoba_portal.models import ReportExport
from socoba_portal.reports.rendering import SYSTEM
from students.models import ThesisTopic
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


# --- the privacy notice -------------------------------------------------------------------------

OMBUDSMAN = {
    "fi": "Tietosuojavaltuutetun toimisto",
    "sv": "Dataombudsmannens byrå",
    "en": "Office of the Data Protection Ombudsman",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_privacy_notice_has_what_articles_13_and_14_ask_for(client, demo_data, language):
    html = client.get(url("legal:privacy", language)).text
    with translation.override(language):
        for heading in [
            "Controller",
            "Data protection officer",
            "Purpose",
            "Legal basis",
            "Recipients",
            "Retention",
        ]:
            assert escape(gettext(heading)) in html, heading
    assert "tietosuojavastaava@socoba.invalid" in html
    for key in ["staff", "registrants", "students", "feedback", "logs"]:
        assert f'id="processing-{key}"' in html
    assert OMBUDSMAN[language] in html and "tietosuoja.fi" in html
    assert {"fi": "peruuttaa suostumuksesi", "sv": "återkalla ditt samtycke", "en": "withdraw your consent"}[
        language
    ] in html


def test_the_notice_prints_the_periods_from_the_settings(client, demo_data, settings):
    settings.SEMINAR_RETENTION_DAYS = 365
    settings.SESSION_COOKIE_AGE = 14 * 24 * 3600
    settings.REPORT_EXPORT_RETENTION_DAYS = 30
    settings.SERVER_LOG_RETENTION_DAYS = 90
    html = client.get(url("legal:privacy", "en")).text
    assert "anonymised 365 days after the event" in html
    assert "ends after 14 days" in html and "deleted 30 days after" in html and "Deleted 90 days" in html
    settings.SEMINAR_RETENTION_DAYS = 200
    settings.REPORT_EXPORT_RETENTION_DAYS = 7
    html = client.get(url("legal:privacy", "en")).text
    assert "anonymised 200 days after the event" in html and "deleted 7 days after" in html
    assert "365 days" not in html


def test_anonymise_registrations_uses_the_same_setting(settings):
    from seminars.management.commands.anonymise_registrations import Command

    settings.SEMINAR_RETENTION_DAYS = 123
    parser = Command().create_parser("manage.py", "anonymise_registrations")
    assert parser.parse_args([]).days == 123


def test_report_exports_are_purged_after_their_retention(settings, admin_user):
    settings.REPORT_EXPORT_RETENTION_DAYS = 30
    old = ReportExport.objects.create(requested_by=admin_user, kind="project", object_value="1", language="fi")
    ReportExport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    new = ReportExport.objects.create(requested_by=admin_user, kind="project", object_value="1", language="fi")
    call_command("delete_expired_files", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(ReportExport.objects.values_list("pk", flat=True)) == [new.pk]


# --- working days and the running demo project ------------------------------------------------


def test_finnish_holidays():
    assert easter_sunday(2026) == datetime.date(2026, 4, 5)
    assert easter_sunday(2027) == datetime.date(2027, 3, 28)
    holidays = finnish_holidays(2026)
    for day in [(1, 1), (1, 6), (4, 3), (4, 6), (5, 1), (5, 14), (6, 19), (12, 6), (12, 24), (12, 25), (12, 26)]:
        assert datetime.date(2026, *day) in holidays
    # Christmas Eve 2026 is a Thursday: the next working day is Monday 28 December.
    assert working_day_on_or_after(datetime.date(2026, 12, 24)) == datetime.date(2026, 12, 28)
    assert working_day_on_or_after(datetime.date(2027, 1, 1)) == datetime.date(2027, 1, 4)
    assert working_day_on_or_after(datetime.date(2027, 1, 5)) == datetime.date(2027, 1, 5)


@pytest.mark.parametrize("today", ["2026-12-20", "2026-11-25", "2027-05-01", "2027-06-01"])
def test_upcoming_demo_events_fall_on_working_days_of_the_running_project(time_machine, today):
    time_machine.move_to(datetime.datetime.fromisoformat(f"{today}T10:00:00+02:00"))
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    upcoming = list(Event.objects.public().upcoming())
    assert len(upcoming) == 2
    for event in upcoming:
        day = timezone.localtime(event.start).date()
        assert day.weekday() < 5 and day not in finnish_holidays(day.year), day
        assert event.project.slug == "esimerkkila-demo"
    for project in Project.objects.filter(status=Project.Status.ENDED):
        assert not Event.objects.filter(project=project).upcoming().exists()


def test_the_running_demo_project_is_marked_demo_with_its_own_users_and_the_2021_2027_block(client, demo_data):
    project = Project.objects.get(slug="esimerkkila-demo")
    assert project.is_demo and project.status == Project.Status.RUNNING
    assert project.get_programme_period_display() == "2021–2027" and project.fund == Project.Fund.ESF_PLUS
    assert not Project.objects.filter(is_demo=True).exclude(pk=project.pk).exists()
    assert project.memberships.filter(user__email="esimerkkila-demo.coordinator@demo.invalid").exists()
    statements = {
        "fi": "Euroopan unionin osarahoittama",
        "sv": "Medfinansieras av Europeiska unionen",
        "en": "Co-funded by the European Union",
    }
    for language, statement in statements.items():
        html = client.get(url("projects:detail", language, slug=project.slug)).text
        block = html[html.index('class="eu-funding"') : html.index("</section>", html.index('class="eu-funding"'))]
        assert statement in block and "60" in block
        assert "Vipuvoimaa" not in block and "Social Fund" not in block


# --- the demo in three languages --------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
def test_demo_event_pages_have_no_finnish_fallbacks(client, demo_data, language):
    for event in Event.objects.filter(is_demo=True):
        assert event.title_sv and event.title_en and event.description_sv and event.description_en, event.slug
        html = client.get(url("seminars:detail", language, slug=event.slug)).text
        main = html[html.index("<main") :]
        assert 'lang="fi"' not in main, event.slug
        assert escape(getattr(event, f"title_{language}")) in html
    assert not ProgrammeItem.objects.filter(event__is_demo=True, title_sv="").exists()
    assert not ProgrammeItem.objects.filter(event__is_demo=True, title_en="").exists()


def test_demo_pages_carry_the_translated_text(client, demo_data):
    kainuu_first = Event.objects.get(slug="socoba-seminaari-1-kainuu")
    for language, text in [
        ("fi", "Ekosysteemi käyntiin"),
        ("sv", "Ekosystemet i gång"),
        ("en", "Starting the ecosystem"),
    ]:
        assert text in client.get(url("seminars:detail", language, slug=kainuu_first.slug)).text
    webinar = client.get(url("seminars:detail", "sv", slug="socoba-webinaari-demo")).text
    assert "Webbinariet är fullt" in webinar and "Webinaari on täynnä" not in webinar


def test_every_kymenlaakso_event_has_a_venue(demo_data):
    for event in Event.objects.filter(project__slug="kymenlaakso"):
        assert event.venue_fi and event.venue_sv and event.venue_en, event.slug


def test_every_demo_topic_has_its_own_description_in_three_languages(demo_data):
    topics = ThesisTopic.objects.all()
    assert len({topic.description_fi for topic in topics}) == topics.count()
    assert all(topic.description_sv and topic.description_en for topic in topics)


# --- partners, funding authority, EU block and topics -----------------------------------------


def test_a_partner_with_two_roles_is_listed_once_with_both(client, demo_data):
    html = client.get(url("projects:detail", "fi", slug="kymenlaakso")).text
    partners = html[html.index('<ul class="partners"') : html.index("</ul>", html.index('<ul class="partners"'))]
    assert partners.count("Itä-Suomen yliopisto") == 1
    assert "Hallinnoija, Päätoteuttaja" in partners


def test_the_funding_authority_is_on_the_page_as_in_the_report(client, demo_data):
    project = Project.objects.with_report_relations().get(slug="kymenlaakso")
    page = client.get(url("projects:detail", "fi", slug="kymenlaakso")).text
    with translation.override("fi"):
        report = ProjectReport(project, user=SYSTEM, language="fi").render_html()
    partners = page[page.index('<ul class="partners"') :]
    assert "Hämeen ELY-keskus" in partners and "Rahoittava viranomainen" in partners
    assert "Hämeen ELY-keskus" in report
    assert [p.organisation.name_fi for p in project.partners] == [
        p.organisation.name_fi for p in Project.objects.with_public_relations().get(slug="kymenlaakso").partners
    ]


def test_an_eu_block_without_a_share_says_why(client):
    project = ProjectFactory(state="published")
    project.funding_shares.all().delete()
    html = client.get(url("projects:detail", "en", slug=project.slug)).text
    assert "EU funding share: not shown, as the project's public sources do not state it." in html


@pytest.mark.parametrize(
    ("language", "proposed_by", "status"),
    [
        ("fi", "Ehdottaja:", "Tila: Avoin"),
        ("sv", "Föreslaget av:", "Status: Ledigt"),
        ("en", "Proposed by:", "Status: Open"),
    ],
)
def test_topics_show_their_status_and_no_stray_separators(client, demo_data, language, proposed_by, status):
    html = client.get(url("students:topics", language)).text
    metas = re.findall(r'<span class="meta">(.*?)</span>', html, re.S)
    assert metas
    for meta in metas:
        text = re.sub(r"<[^>]+>", "", meta).strip()
        assert not text.startswith("·") and not text.endswith("·") and "· ·" not in text
    assert proposed_by in html and status in html


def test_no_doubled_cohort_wording(client, demo_data):
    html = client.get(url("projects:detail", "fi", slug="kainuu")).text
    assert "Maisteriryhmä Kainuun maisteriryhmä" not in html
    assert "Maisteriryhmän Kainuun maisteriryhmä" not in html
