"""Large reports are made in the background, followed in the admin and downloaded by their requester."""

import pytest
from django.core.management import call_command
from django.urls import reverse

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


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_queued_reports(settings, admin_user, demo_data):
    """The real backend of `make run`: the task waits in the database until the worker runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from socoba_portal.reports import report_classes

    report = report_classes()["project"].for_user(admin_user, "kainuu", language="fi")
    export = report.queue("kainuu")
    assert ReportExport.objects.get(pk=export.pk).status == ReportExport.Status.QUEUED
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE
    assert export.file
