"""Large reports are made in the background, followed in the admin and downloaded by their requester."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from projects.models import Membership, Project
from socoba_portal.models import ReportExport
from tests.conftest import with_mfa
from tests.reports import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything_is_large(settings):
    settings.REPORT_BACKGROUND_ROWS = -1


def test_a_large_report_is_made_in_the_background_and_downloaded(
    admin_client, demo_data, everything_is_large, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.get(reverse("projects:report", kwargs={"value": "kainuu"}))
    assert response.status_code == 302
    assert response.url == reverse("admin:socoba_portal_reportexport_changelist")
    export = ReportExport.objects.get()
    assert export.status == ReportExport.Status.DONE  # the immediate backend ran the task
    assert export.pages >= 2
    listing = admin_client.get(response.url).text
    assert export.get_absolute_url() in listing
    download = admin_client.get(export.get_absolute_url())
    assert download.status_code == 200
    assert "566 712 €" in pdf_text(b"".join(download.streaming_content))
    assert "/media/" not in export.file.path


def test_only_the_requester_downloads_an_export(
    client, admin_client, demo_data, everything_is_large, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.get(reverse("projects:report", kwargs={"value": "kainuu"}))
    export = ReportExport.objects.get()
    other = with_mfa(django_user_model.objects.create_user(email="o@example.org", password="x", is_staff=True))
    Membership.objects.create(
        user=other, project=Project.objects.get(slug="kainuu"), role=Membership.Role.REPORTER
    )
    client.force_login(other)
    assert client.get(export.get_absolute_url()).status_code == 404
    assert export.pk not in {
        e.pk for e in client.get(reverse("admin:socoba_portal_reportexport_changelist")).context["cl"].result_list
    }
    client.logout()
    assert client.get(export.get_absolute_url()).status_code == 302


def test_a_background_report_is_not_downloaded_once_the_role_is_gone(
    client, demo_data, everything_is_large, django_user_model, django_capture_on_commit_callbacks
):
    officer = with_mfa(django_user_model.objects.create_user(email="sdo@example.org", password="x", is_staff=True))
    membership = Membership.objects.create(
        user=officer, project=Project.objects.get(slug="kainuu"), role=Membership.Role.STUDENT_DATA_OFFICER
    )
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("students:report", kwargs={"value": "kainuu-2018"}))
    export = ReportExport.objects.get(requested_by=officer, status=ReportExport.Status.DONE)
    assert client.get(export.get_absolute_url()).status_code == 200
    membership.delete()
    assert client.get(export.get_absolute_url()).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_queued_reports(settings, admin_user, demo_data):
    """The real backend of `make run`: the task waits in the database until the worker runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from socoba_portal.reports.exports import queue_export
    from socoba_portal.reports.rendering import report_classes

    report = report_classes()["project"].for_user(admin_user, "kainuu", language="fi")
    export = queue_export(report, "kainuu")
    assert ReportExport.objects.get(pk=export.pk).status == ReportExport.Status.QUEUED
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE
    assert export.file


# -- who exports: a staff member, or SYSTEM said out loud -------------------------------------
@pytest.mark.parametrize("kind", ["project", "cohort", "seminar", "certificate"])
def test_a_report_without_a_user_is_refused_not_unchecked(kind, demo_data):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    from socoba_portal.reports.rendering import report_classes

    report_class = report_classes()[kind]
    for nobody in (None, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            report_class.get_queryset(nobody)
        with pytest.raises(PermissionDenied):
            report_class.for_user(nobody, "1")
    with pytest.raises(TypeError):
        report_class(report_class.report_queryset().first())  # who exports must be said


def test_a_system_export_sees_every_object_and_names_nobody(demo_data):
    from socoba_portal.reports.rendering import SYSTEM, report_classes

    report_class = report_classes()["cohort"]
    assert report_class.get_queryset(SYSTEM).count() == report_class.report_queryset().count() >= 2
    report = report_class.for_system("kainuu-2018", language="fi")
    assert report.user is SYSTEM and report.actor is None
    assert report.render()[:5] == b"%PDF-"


def test_a_coordinator_exports_only_their_projects_report(demo_data, django_user_model):
    from projects.models import Project as ProjectModel
    from socoba_portal.reports.rendering import report_classes

    coordinator = django_user_model.objects.get(email="kainuu.coordinator@demo.invalid")
    report_class = report_classes()["project"]
    assert list(report_class.get_queryset(coordinator)) == [ProjectModel.objects.get(slug="kainuu")]
    with pytest.raises(ProjectModel.DoesNotExist):
        report_class.for_user(coordinator, "kymenlaakso")


def test_every_report_kind_knows_its_own_name():
    from socoba_portal.reports.rendering import report_classes

    assert {kind: report_class.kind for kind, report_class in report_classes().items()} == {
        "project": "project",
        "cohort": "cohort",
        "seminar": "seminar",
        "certificate": "certificate",
    }


def test_a_system_export_by_command_needs_no_user(demo_data, tmp_path):
    output = tmp_path / "kainuu.pdf"
    call_command("report", "project", "kainuu", "--output", str(output))
    assert "566 712 €" in pdf_text(output.read_bytes())


def test_a_report_asked_for_again_while_it_is_being_made_is_queued_once(
    admin_client, demo_data, everything_is_large
):
    """Without running the queued tasks: fifteen clicks, one export."""
    for _ in range(15):
        assert admin_client.get(reverse("projects:report", kwargs={"value": "kainuu"})).status_code == 302
    assert ReportExport.objects.count() == 1
    admin_client.get(reverse("projects:report", kwargs={"value": "kainuu"}) + "?lang=sv")
    assert ReportExport.objects.count() == 2  # another language is another report


def test_a_zip_too_large_to_make_while_waiting_is_refused_with_a_message(admin_client, demo_data, settings):
    """The zips are made in the request: past the limits the staff member is asked to select
    fewer, and nothing is rendered (a zip of 1,900 certificates took over two minutes)."""
    from seminars.models import Event

    settings.REPORT_ZIP_MAX_REPORTS = settings.REPORT_ZIP_MAX_CERTIFICATES = 1
    projects = list(Project.objects.values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "export_reports", "_selected_action": projects},
        follow=True,
    )
    assert response["Content-Type"].startswith("text/html")
    assert f"{len(projects)} PDF-tiedostoa valittu: yhteen zip-tiedostoon mahtuu enintään 1" in response.text
    past = Event.objects.filter(registrations__attended=True, end__lt=timezone.now()).distinct()[:1]
    response = admin_client.post(
        reverse("admin:seminars_event_changelist"),
        {"action": "export_certificates", "_selected_action": list(past.values_list("pk", flat=True))},
        follow=True,
    )
    assert response["Content-Type"].startswith("text/html") and "enintään 1" in response.text


def test_the_report_action_is_offered_only_to_those_who_may_export_such_reports(
    client, demo_data, django_user_model
):
    coordinator = with_mfa(django_user_model.objects.get(email="kainuu.coordinator@demo.invalid"))
    client.force_login(coordinator)
    actions = dict(
        client.get(reverse("admin:students_cohort_changelist")).context["action_form"].fields["action"].choices
    )
    assert "export_reports" not in actions  # the cohort report is the student-data officer's
    actions = dict(
        client.get(reverse("admin:projects_project_changelist")).context["action_form"].fields["action"].choices
    )
    assert "export_reports" in actions
    ReportExport.objects.create(
        requested_by=coordinator, kind="project", object_value="kainuu", object_label="Kainuu", language="fi"
    )
    listing = client.get(reverse("admin:socoba_portal_reportexport_changelist")).text
    assert '<td class="field-report_name">Hankeraportti</td>' in listing  # not the code "project"


def test_the_change_page_offers_the_report_in_each_language(admin_client, demo_data):
    kainuu = Project.objects.get(slug="kainuu")
    page = admin_client.get(
        reverse("admin:projects_project_change", args=[kainuu.pk]), HTTP_ACCEPT_LANGUAGE="fi"
    ).text
    report = reverse("projects:report", kwargs={"value": kainuu.pk})
    assert f'href="{report}">Raportti (PDF)</a>' in page
    assert f'href="{report}?lang=sv" hreflang="sv">Raportti ruotsiksi (PDF)</a>' in page
    assert f'href="{report}?lang=en" hreflang="en">Raportti englanniksi (PDF)</a>' in page
