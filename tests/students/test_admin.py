"""The admin: roles and project scoping, access logging (Act 906/2019 §17), the
audit trail, CSV import, exports, the access-request JSON and anonymisation."""

import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Membership
from students.models import Completion, Student
from tests.conftest import with_mfa

from .factories import CohortFactory, CourseFactory, StudentFactory, ThesisTopicFactory, complete, graduate, plan

pytestmark = pytest.mark.django_db


def staff(django_user_model, project, role, email):
    user = with_mfa(django_user_model.objects.create_user(email=email, password="pw-for-tests", is_staff=True))
    Membership.objects.create(user=user, project=project, role=role)
    return user


@pytest.fixture
def cohort(db):
    return CohortFactory()


@pytest.fixture
def officer(django_user_model, cohort):
    return staff(django_user_model, cohort.project, Membership.Role.STUDENT_DATA_OFFICER, "officer@example.org")


@pytest.fixture
def coordinator(django_user_model, cohort):
    return staff(django_user_model, cohort.project, Membership.Role.COORDINATOR, "coordinator@example.org")


def access_entries(student=None):
    entries = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, content_type=ContentType.objects.get_for_model(Student)
    )
    return entries.filter(object_pk=str(student.pk)) if student else entries


def changelist():
    return reverse("admin:students_student_changelist")


def change(student):
    return reverse("admin:students_student_change", args=[student.pk])


# Roles -----------------------------------------------------------------------------------


def test_student_data_officer_sees_their_projects_students_only(client, officer, cohort):
    own = StudentFactory(cohort=cohort, last_name="Oma (demo)")
    other = StudentFactory(last_name="Vieras (demo)")
    client.force_login(officer)
    html = client.get(changelist()).text
    assert "Oma (demo)" in html and "Vieras (demo)" not in html
    assert client.get(change(own)).status_code == 200
    assert client.get(change(other)).status_code == 404
    json_url = reverse("admin:students_student_export_json", args=[other.pk])
    assert client.get(json_url).status_code == 404


def test_coordinator_runs_cohorts_and_topics_but_never_sees_a_student(client, coordinator, cohort):
    student = StudentFactory(cohort=cohort)
    client.force_login(coordinator)
    assert client.get(reverse("admin:students_cohort_change", args=[cohort.pk])).status_code == 200
    assert client.get(reverse("admin:students_thesistopic_add")).status_code == 200
    assert client.get(changelist()).status_code == 403
    assert client.get(change(student)).status_code in (403, 404)
    assert client.get(reverse("admin:students_completion_changelist")).status_code == 403
    assert client.get(reverse("admin:students_student_export_json", args=[student.pk])).status_code in (403, 404)
    cohort_page = client.get(reverse("admin:students_cohort_change", args=[cohort.pk])).text
    assert student.last_name not in cohort_page
    assert access_entries().count() == 0


def test_reporter_gets_nothing_here(client, django_user_model, cohort):
    reporter = staff(django_user_model, cohort.project, Membership.Role.REPORTER, "reporter@example.org")
    client.force_login(reporter)
    for name in ["cohort", "student", "completion", "thesistopic"]:
        assert client.get(reverse(f"admin:students_{name}_changelist")).status_code == 403, name


def test_anonymous_is_sent_to_sign_in(client, cohort):
    response = client.get(changelist())
    assert response.status_code == 302


# Access logging and the audit trail ----------------------------------------------------------


def test_detail_view_writes_one_access_entry_with_the_actor(client, officer, cohort):
    student = StudentFactory(cohort=cohort)
    client.force_login(officer)
    client.get(change(student))
    entries = access_entries(student)
    assert entries.count() == 1
    assert entries.get().actor == officer


def test_list_view_writes_one_entry_per_student_shown(client, officer, cohort):
    students = StudentFactory.create_batch(5, cohort=cohort)
    StudentFactory.create_batch(3)  # another project's students are neither shown nor logged
    client.force_login(officer)
    client.get(changelist())
    assert access_entries().count() == 5
    assert {entry.object_pk for entry in access_entries()} == {str(s.pk) for s in students}
    client.get(changelist(), {"status": "graduated"})
    assert access_entries().count() == 5  # nothing shown, nothing logged


def test_export_writes_one_entry_per_student_included(admin_client, cohort):
    StudentFactory.create_batch(4, cohort=cohort)
    response = admin_client.post(
        reverse("admin:students_student_export"),
        {"format": "0", **{f"studentresource_{name}": "on" for name in ["student_number", "last_name"]}},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().count("\n") == 5
    assert access_entries().count() == 4


def test_changes_are_in_the_audit_trail_without_the_personal_values(admin_client, cohort):
    student = StudentFactory(cohort=cohort, email="vanha@example.invalid")
    student.email = "uusi@example.invalid"
    student.save()
    entry = LogEntry.objects.get_for_object(student).filter(action=LogEntry.Action.UPDATE).get()
    assert "email" in entry.changes_dict
    assert "uusi@example.invalid" not in entry.changes and "vanha@example.invalid" not in entry.changes
    # The audit trail cannot be edited in the admin.
    url = reverse("admin:auditlog_logentry_change", args=[entry.pk])
    assert admin_client.post(url, {}).status_code == 403


def test_cohort_change_page_shows_progress_and_links_to_the_students(client, officer, cohort):
    StudentFactory.create_batch(3, cohort=cohort)
    client.force_login(officer)
    html = client.get(reverse("admin:students_cohort_change", args=[cohort.pk])).text
    assert "3 admitted" in html or "3 hyväksytty" in html or f"?cohort__id__exact={cohort.pk}" in html
    assert f"?cohort__id__exact={cohort.pk}" in html


def test_student_list_filters_by_status_and_progress(client, officer, cohort):
    courses = plan(cohort)
    graduate(StudentFactory(cohort=cohort, last_name="Valmis (demo)"), courses)
    complete(StudentFactory(cohort=cohort, last_name="Puolivalmis (demo)"), courses[:7])
    StudentFactory(cohort=cohort, last_name="Aloittanut (demo)")
    client.force_login(officer)
    for query, expected in [
        ({"progress": "all"}, "Valmis (demo)"),
        ({"progress": "half"}, "Puolivalmis (demo)"),
        ({"progress": "none"}, "Aloittanut (demo)"),
        ({"status": "graduated"}, "Valmis (demo)"),
    ]:
        response = client.get(changelist(), query)
        names = [s.last_name for s in response.context["cl"].result_list]
        assert names == [expected], query


def test_admin_refuses_to_mark_graduated_without_the_credits(admin_client, cohort):
    from tests.admin_forms import admin_form_data

    student = StudentFactory(cohort=cohort)
    plan(cohort)
    url = change(student)
    data = admin_form_data(admin_client.get(url), status="graduated", graduated_on="1.12.2020")
    response = admin_client.post(url, data, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "cannot be marked graduated" in response.text
    student.refresh_from_db()
    assert student.status == Student.Status.ACTIVE


# Import --------------------------------------------------------------------------------------

HEADER = "student_number,cohort,first_name,last_name,email,admitted_on,status\n"


def _import(client, url, content, filename="import.csv"):
    upload = SimpleUploadedFile(filename, content.encode(), content_type="text/csv")
    return client.post(url, {"format": "0", "import_file": upload, "resource": "0"})


def test_csv_import_previews_then_saves_the_students(client, officer, cohort):
    client.force_login(officer)
    csv = HEADER + (
        f"X001,{cohort.slug},Tuuli,Tuonti (demo),tuuli@example.invalid,1.9.2018,active\n"
        f"X002,{cohort.slug},Usva,Tuonti (demo),usva@example.invalid,2018-09-01,active\n"
    )
    preview = _import(client, reverse("admin:students_student_import"), csv)
    assert preview.status_code == 200
    assert "confirm_form" in preview.context and preview.context["confirm_form"] is not None
    assert Student.objects.count() == 0  # the preview saves nothing
    confirm = preview.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    response = client.post(reverse("admin:students_student_process_import"), data)
    assert response.status_code == 302
    assert set(Student.objects.values_list("student_number", flat=True)) == {"X001", "X002"}
    assert Student.objects.get(student_number="X001").admitted_on == datetime.date(2018, 9, 1)


def test_csv_import_with_a_bad_row_shows_row_errors_and_saves_nothing(client, officer, cohort):
    other_cohort = CohortFactory()
    client.force_login(officer)
    csv = HEADER + (
        f"X001,{cohort.slug},Tuuli,Tuonti (demo),tuuli@example.invalid,1.9.2018,active\n"
        f"X002,{cohort.slug},Usva,Tuonti (demo),not-an-email,31.2.2018,active\n"
        f"X003,{other_cohort.slug},Vieras,Tuonti (demo),v@example.invalid,1.9.2018,active\n"
        f"X004,no-such-cohort,Ei,Ketään (demo),e@example.invalid,1.9.2018,active\n"
        f"X005,{cohort.slug},Valmis,Tuonti (demo),x@example.invalid,1.9.2018,graduated\n"
    )
    response = _import(client, reverse("admin:students_student_import"), csv, filename="bad.csv")
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    invalid = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(invalid) == {2, 3, 4, 5}
    assert "email" in invalid[2] and "admitted_on" in invalid[2]
    assert "cohort" in invalid[3]  # another project's cohort
    assert "cohort" in invalid[4]
    assert "status" in invalid[5]  # graduated without the credits
    assert response.context.get("confirm_form") is None
    assert Student.objects.count() == 0


def test_import_meeting_another_projects_student_number_says_nothing_about_it(client, officer, cohort):
    """Student numbers are personal: a clash with another project's student is refused
    with the same neutral words as any row the user may not write."""
    outsider = StudentFactory(student_number="X777", last_name="Vieras (demo)")
    other_cohort = outsider.cohort
    client.force_login(officer)
    csv = HEADER + (
        f"X777,{cohort.slug},Tuuli,Tuonti (demo),tuuli@example.invalid,1.9.2018,active\n"
        f"X778,{other_cohort.slug},Usva,Tuonti (demo),usva@example.invalid,1.9.2018,active\n"
        "X779,no-such-cohort,Ei,Ketään (demo),e@example.invalid,1.9.2018,active\n"
    )
    response = _import(client, reverse("admin:students_student_import"), csv)
    invalid = {row.number: row.error_dict for row in response.context["result"].invalid_rows}
    assert [str(m) for m in invalid[1]["student_number"]] == ["Tätä riviä ei voi tuoda hankkeisiisi."]
    # Another project's cohort and a missing one read the same.
    for number, slug in [(2, other_cohort.slug), (3, "no-such-cohort")]:
        messages = [str(m) for m in invalid[number]["cohort"]]
        assert messages == [f"Verkko-osoitteella ”{slug}” ei löydy maisteriryhmää."]
    page = response.text.lower()
    for hint in ["already exists", "on jo olemassa", "vieras (demo)", str(other_cohort.name).lower()]:
        assert hint not in page
    assert Student.objects.count() == 1
    outsider.refresh_from_db()
    assert outsider.cohort == other_cohort and outsider.first_name != "Tuuli"


def test_completion_import_by_student_number_and_course_code(client, officer, cohort):
    student = StudentFactory(cohort=cohort, student_number="X100")
    CourseFactory(cohort=cohort, code="SOS-101")
    CourseFactory(cohort=cohort, code="SOS-102")
    outsider = StudentFactory(student_number="X999")
    CourseFactory(cohort=outsider.cohort, code="SOS-101")
    client.force_login(officer)
    url = reverse("admin:students_completion_import")
    good = (
        "student_number,course_code,completed_on,grade\nX100,SOS-101,15.12.2018,5\nX100,SOS-102,2019-03-15,pass\n"
    )
    bad = good + "X100,NOPE-1,1.1.2019,3\nX999,SOS-101,1.1.2019,3\n"
    response = _import(client, url, bad)
    assert response.context["result"].has_validation_errors()
    assert {row.number for row in response.context["result"].invalid_rows} == {3, 4}
    assert Completion.objects.count() == 0
    preview = _import(client, url, good)
    confirm = preview.context["confirm_form"]
    client.post(
        reverse("admin:students_completion_process_import"), {n: confirm[n].value() for n in confirm.fields}
    )
    assert student.compute_credits_done() == 20


# Data-subject requests -----------------------------------------------------------------------


def test_json_export_for_an_access_request(client, officer, cohort):
    student = StudentFactory(cohort=cohort, first_name="Aada", email="aada@example.invalid")
    courses = plan(cohort, courses=2)
    complete(student, courses)
    client.force_login(officer)
    response = client.get(reverse("admin:students_student_export_json", args=[student.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["student"]["first_name"] == "Aada"
    assert data["student"]["email"] == "aada@example.invalid"
    assert data["studies"]["credits_done"] == "20"
    assert len(data["completions"]) == 2
    assert "esf_participation" in data
    assert access_entries(student).count() == 1


def test_anonymise_action_confirms_and_explains_erasure_is_not_automatic(client, officer, cohort):
    courses = plan(cohort)
    student = graduate(StudentFactory(cohort=cohort, first_name="Aada", email="aada@example.invalid"), courses)
    other = StudentFactory()
    client.force_login(officer)
    data = {"action": "anonymise", "_selected_action": [student.pk, other.pk]}
    confirmation = client.post(changelist(), data, headers={"accept-language": "en"})
    assert confirmation.status_code == 200
    assert "Erasure is not automatic." in confirmation.text
    assert "public task" in confirmation.text
    student.refresh_from_db()
    assert student.first_name == "Aada"
    client.post(changelist(), {**data, "confirm": "yes"})
    student.refresh_from_db()
    other.refresh_from_db()
    assert student.is_anonymised and student.email == "" and student.first_name != "Aada"
    assert student.status == Student.Status.GRADUATED and student.completions.count() == 12
    assert not other.is_anonymised  # another project's student is out of reach


def test_thesis_topic_must_be_of_the_same_project(cohort):
    from django.core.exceptions import ValidationError

    from students.models import Thesis

    thesis = Thesis(student=StudentFactory(cohort=cohort), title="T", topic=ThesisTopicFactory())
    with pytest.raises(ValidationError):
        thesis.full_clean()


@pytest.mark.parametrize("name", ["cohort", "student", "completion", "thesistopic"])
def test_admin_pages_open_for_an_administrator(admin_client, demo_data, name):
    from django.apps import apps

    model = apps.get_model("students", name)
    obj = model.objects.first()
    for view, args in [("changelist", []), ("add", []), ("change", [obj.pk])]:
        response = admin_client.get(
            reverse(f"admin:students_{name}_{view}", args=args), {"q": "ä%_'"} if view == "changelist" else {}
        )
        assert response.status_code == 200, (name, view)


@pytest.mark.parametrize("value", ["NUL\x00X", "BELL\x07X", "ESC\x1bX"])
def test_csv_import_refuses_control_characters_as_a_row_error(client, officer, cohort, value):
    client.force_login(officer)
    csv = HEADER + (
        f"{value},{cohort.slug},Tuuli,Tuonti (demo),tuuli@example.invalid,1.9.2018,active\n"
        f"X002,{cohort.slug},Us{value},Tuonti (demo),usva@example.invalid,1.9.2018,active\n"
    )
    response = _import(client, reverse("admin:students_student_import"), csv)
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors()  # no database error, no traceback
    invalid = {row.number: row.error_dict for row in result.invalid_rows}
    refused = ["Arvossa on kiellettyjä merkkejä (esim. NUL)."]
    assert [str(m) for m in invalid[1]["student_number"]] == refused
    assert [str(m) for m in invalid[2]["first_name"]] == refused
    assert "Arvossa on kiellettyjä merkkejä" in response.text
    assert response.context.get("confirm_form") is None
    assert Student.objects.count() == 0


def test_csv_import_keeps_tabs_and_line_breaks(client, officer, cohort):
    client.force_login(officer)
    csv = HEADER + f'X001,{cohort.slug},"Tuuli\tRiikka",Tuonti (demo),t@example.invalid,1.9.2018,active\n'
    result = _import(client, reverse("admin:students_student_import"), csv).context["result"]
    assert not result.has_validation_errors() and not result.has_errors()
