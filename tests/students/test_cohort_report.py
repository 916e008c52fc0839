"""The confidential cohort progress report: real PDF rendering and text extraction."""

import io
import re

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from projects.models import Membership, Project
from students.models import Cohort, Student
from students.reports import CohortReport
from tests.conftest import with_mfa
from tests.reports import pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(demo_data):
    return Cohort.objects.get(project__slug="kainuu")


def _member(django_user_model, project, role):
    user = with_mfa(
        django_user_model.objects.create_user(email=f"{role}@example.org", password="x", is_staff=True)
    )
    Membership.objects.create(user=user, project=project, role=role)
    return user


def test_every_page_is_marked_confidential_and_numbered(cohort, admin_user):
    pages = pdf_pages(CohortReport.for_user(admin_user, cohort.slug, language="fi").render())
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert "Luottamuksellinen" in text, number
        assert re.search(rf"\b{number}\s*/\s*{len(pages)}\b", text), number


def test_cohort_report_lists_each_student_with_credits_status_and_thesis(cohort, admin_user):
    text = pdf_text(CohortReport.for_user(admin_user, cohort.slug, language="fi").render())
    students = list(Student.objects.filter(cohort=cohort).with_credits())
    assert len(students) == 20
    for student in students:
        assert student.student_number in text
    graduated = next(s for s in students if s.status == Student.Status.GRADUATED)
    assert f"{int(graduated.credits_done)} / 120" in text
    assert "Valmistunut" in text
    assert "Kainuun sosiaalityön koulutus- ja kehittämishanke" in text
    assert "Euroopan unioni – Euroopan sosiaalirahasto" in text


def test_exporting_is_written_to_the_audit_log_once_per_student(cohort, admin_user):
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    CohortReport.for_user(admin_user, cohort.slug, language="fi").render()
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() - before == 20


@pytest.mark.parametrize(
    ("role", "slug", "status"),
    [
        (Membership.Role.STUDENT_DATA_OFFICER, "kainuu", 200),
        (Membership.Role.COORDINATOR, "kainuu", 404),  # no permission to see student data
        (Membership.Role.REPORTER, "kainuu", 404),
        (Membership.Role.STUDENT_DATA_OFFICER, "kymenlaakso", 404),  # another project's officer
    ],
)
def test_cohort_report_permissions(client, cohort, django_user_model, role, slug, status):
    client.force_login(_member(django_user_model, Project.objects.get(slug=slug), role))
    response = client.get(reverse("students:report", kwargs={"value": cohort.slug}))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith('attachment; filename="kainuu-')


def test_anonymous_users_are_sent_to_sign_in(client, cohort):
    assert client.get(reverse("students:report", kwargs={"value": cohort.slug})).status_code == 302


def test_command_exports_the_cohort_report(cohort, tmp_path):
    output = tmp_path / "cohort.pdf"
    call_command("report", "cohort", cohort.slug, "--output", str(output), stdout=io.StringIO())
    assert "Luottamuksellinen" in pdf_text(output.read_bytes())


def test_a_system_export_after_a_request_names_nobody(cohort, admin_client, admin_user):
    """auditlog keeps the last request's user in the thread's context; a system export made
    afterwards in the same thread (a command, a test) must not be logged as that user."""
    admin_client.get(reverse("admin:students_cohort_changelist"))
    before = list(LogEntry.objects.filter(action=LogEntry.Action.ACCESS).values_list("pk", flat=True))
    CohortReport.for_system(cohort.slug, language="fi").render()
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exclude(pk__in=before)
    assert entries.count() == 20
    assert set(entries.values_list("actor", "remote_addr").distinct()) == {(None, None)}
