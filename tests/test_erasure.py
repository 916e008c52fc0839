"""Erasure leaves no copy: after a student's or a registrant's anonymisation, no table
of the database, no private or public file and no pending import file holds any of
their values; background report files expire by age."""

import datetime
import json
import os
import tempfile
import time
from io import StringIO
from pathlib import Path

import pytest
from auditlog.models import LogEntry as AuditLogEntry
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from seminars import services
from seminars.emails import MailKind, send_registration_mail
from seminars.models import Registration
from socoba_portal.erasure import PrivateImportStorage
from socoba_portal.models import ReportExport
from socoba_portal.reports.exports import queue_export, render_report_export
from socoba_portal.reports.rendering import report_classes
from students.models import Student, Thesis
from tests.admin_forms import admin_form_data
from tests.reports import pdf_text
from tests.seminars.factories import EventFactory, RegistrationFactory, in_days
from tests.students.factories import CohortFactory, StudentFactory, plan

pytestmark = pytest.mark.django_db

# ASCII on purpose: SQLite's JSON columns escape other letters (\u00e4), a LIKE would miss them.
STUDENT = {
    "first_name": "Xanthippe",
    "last_name": "Quagmirewell",
    "email": "xanthippe.q@erasure.invalid",
    "student_number": "ZQ-771903",
    "employer": "Plumbob Widgetworks",
}
THESIS_TITLE = "Zebras of Kouvola and the Quixotic Welfare State"
OLD_THESIS_TITLE = "Preliminary Gnu Musings"
IMPORT_HEADER = "student_number,cohort,first_name,last_name,admitted_on,status\n"
REGISTRANT = {
    "name": "Bartholomew Fizzlewick",
    "email": "bart.fizzlewick@erasure.invalid",
    "organisation": "Fizzlewick Consulting Oy",
    "needs": "Gluten-free zucchini pancakes",
}


def database_hits(value):
    """``table.column`` of every row, in every table, whose text holds ``value``."""
    hits = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} "  # noqa: S608 (names from the introspection)
                    f"WHERE LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s",
                    [f"%{value.lower()}%"],
                )
                if cursor.fetchone()[0]:
                    hits.append(f"{table}.{column.name}")
    return hits


def squashed(text):
    """Without whitespace or case: a PDF table cell wraps a long title over lines."""
    return "".join(text.split()).lower()


def file_text(path):
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return pdf_text(data)
    return data.decode("utf-8", errors="replace")


def files_under(*roots):
    return [path for root in roots if Path(root).exists() for path in Path(root).rglob("*") if path.is_file()]


def recent_temp_files(since):
    """Files the test may have left in the system's temporary folder (django-import-export's default)."""
    folder = Path(tempfile.gettempdir())
    return [
        path
        for path in folder.iterdir()
        if path.is_file() and path.stat().st_mtime >= since and path.stat().st_size < 1_000_000
    ]


def copies_of(values, settings, since):
    """Where any of ``values`` still is: database columns and files."""
    files = files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) + recent_temp_files(since)
    found = {}
    for value in values:
        places = database_hits(value)
        for path in files:
            try:
                if squashed(value) in squashed(file_text(path)):
                    places.append(str(path))
            except OSError:
                continue  # another process's temporary file went away
        if places:
            found[value] = places
    return found


@pytest.fixture
def everything_is_large(settings):
    settings.REPORT_BACKGROUND_ROWS = -1


def queue_in_background(kind, user, obj, capture):
    """A report made by the background task (the immediate backend runs it on commit)."""
    report = report_classes()[kind].for_user(user, obj.pk, language="fi")
    assert report.is_large()
    with capture(execute=True):
        export = queue_export(report, obj.pk)
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE
    return export


def write_old_style_history(instance, text, actor):
    """Entries as the portal wrote them before: ``object_repr`` and the admin's change
    message carried the thesis title, the audit trail its unmasked value (for a student,
    under a field it no longer has)."""
    content_type = ContentType.objects.get_for_model(instance)
    AuditLogEntry.objects.create(
        content_type=content_type,
        object_pk=str(instance.pk),
        object_id=instance.pk,
        object_repr=text,
        action=AuditLogEntry.Action.UPDATE,
        changes={"title": ["", text]} if isinstance(instance, Thesis) else {"name": ["", text]},
    )
    AdminLogEntry.objects.create(
        user=actor,
        content_type=content_type,
        object_id=str(instance.pk),
        object_repr=text,
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"name": "thesis", "object": text, "fields": ["title"]}}]),
    )


@pytest.mark.parametrize("erase_with", ["admin action", "command"])
def test_student_erasure_leaves_no_copy(
    erase_with, admin_client, admin_user, settings, everything_is_large, django_capture_on_commit_callbacks
):
    started = time.time() - 1
    cohort = CohortFactory()
    plan(cohort, courses=2, credits=60)
    student = StudentFactory(cohort=cohort, **STUDENT)
    bystander = StudentFactory(cohort=cohort)  # their data stays
    url = reverse("admin:students_student_change", args=[student.pk])

    # The admin: view the student, add the thesis in the inline, then change its title and the email.
    prefix = "thesis"
    data = admin_form_data(admin_client.get(url))
    data.update(
        {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-title": OLD_THESIS_TITLE, f"{prefix}-0-status": "planning"}
    )
    assert admin_client.post(url, data).status_code == 302
    thesis = Thesis.objects.get(student=student)
    write_old_style_history(thesis, OLD_THESIS_TITLE, admin_user)
    write_old_style_history(student, OLD_THESIS_TITLE, admin_user)
    data = admin_form_data(admin_client.get(url))
    data[f"{prefix}-0-title"] = THESIS_TITLE
    assert admin_client.post(url, data).status_code == 302
    assert Thesis.objects.get(student=student).title == THESIS_TITLE

    # A cohort report made in the background, and an import preview never confirmed.
    export = queue_in_background("cohort", admin_user, cohort, django_capture_on_commit_callbacks)
    assert squashed(THESIS_TITLE) in squashed(pdf_text(export.file.read()))
    csv = (
        "student_number,cohort,first_name,last_name,email,admitted_on,status\n"
        f"{STUDENT['student_number']},{cohort.slug},{STUDENT['first_name']},{STUDENT['last_name']},"
        f"{STUDENT['email']},1.9.2018,active\n"
    )
    upload = SimpleUploadedFile("students.csv", csv.encode(), content_type="text/csv")
    preview = admin_client.post(
        reverse("admin:students_student_import"), {"format": "0", "import_file": upload, "resource": "0"}
    )
    assert preview.context["confirm_form"] is not None
    pending = Path(settings.PRIVATE_MEDIA_ROOT) / PrivateImportStorage.folder
    assert len(list(pending.iterdir())) == 1  # kept in private storage until confirmed

    values = [*STUDENT.values(), THESIS_TITLE, OLD_THESIS_TITLE]
    before = copies_of(values, settings, started)
    assert set(before) == set(values), "the test must first put every value somewhere"
    assert any("auditlog_logentry" in place for place in before[OLD_THESIS_TITLE])
    assert any("django_admin_log" in place for place in before[OLD_THESIS_TITLE])
    assert any(place.endswith(".pdf") for place in before[THESIS_TITLE])

    if erase_with == "admin action":
        changelist = reverse("admin:students_student_changelist")
        response = admin_client.post(
            changelist, {"action": "anonymise", "_selected_action": [student.pk], "confirm": "yes"}
        )
        assert response.status_code == 302
    else:
        out = StringIO()
        call_command("anonymise_students", "--student", STUDENT["student_number"], stdout=out)
        assert "Students anonymised: 1" in out.getvalue()

    assert copies_of(values, settings, started) == {}
    student.refresh_from_db()
    assert student.is_anonymised and student.status == Student.Status.ACTIVE
    assert not ReportExport.objects.filter(pk=export.pk).exists()
    assert list(pending.iterdir()) == []
    bystander.refresh_from_db()
    assert database_hits(bystander.email) and not bystander.is_anonymised
    # The history itself stays: who changed and viewed the student, and when.
    assert AdminLogEntry.objects.filter(object_id=str(student.pk), action_flag=CHANGE).count() >= 2
    assert AuditLogEntry.objects.get_for_object(student).filter(action=AuditLogEntry.Action.ACCESS).exists()


def test_registrant_erasure_leaves_no_copy(
    admin_client, admin_user, settings, everything_is_large, django_capture_on_commit_callbacks
):
    started = time.time() - 1
    event = EventFactory(start=in_days(-400), end=in_days(-400, 15))
    registration = RegistrationFactory(event=event, attended=True, **REGISTRANT)
    other_event = EventFactory()
    other_export_registration = RegistrationFactory(event=other_event)
    url = reverse("admin:seminars_registration_change", args=[registration.pk])
    data = admin_form_data(admin_client.get(url), title="Chief Fizzler")
    assert admin_client.post(url, data).status_code == 302
    write_old_style_history(registration, REGISTRANT["name"], admin_user)

    sheet = queue_in_background("seminar", admin_user, event, django_capture_on_commit_callbacks)
    certificate = queue_in_background("certificate", admin_user, registration, django_capture_on_commit_callbacks)
    unrelated = queue_in_background("seminar", admin_user, other_event, django_capture_on_commit_callbacks)
    assert squashed(REGISTRANT["name"]) in squashed(pdf_text(sheet.file.read()))

    values = [*REGISTRANT.values(), "Chief Fizzler"]
    assert set(copies_of(values, settings, started)) == set(values)

    out = StringIO()
    call_command("anonymise_registrations", stdout=out)
    assert "Registrations anonymised: 1" in out.getvalue()

    assert copies_of(values, settings, started) == {}
    assert set(ReportExport.objects.values_list("pk", flat=True)) == {unrelated.pk}
    assert not ReportExport.objects.filter(pk__in=[sheet.pk, certificate.pk]).exists()
    assert unrelated.file.storage.exists(unrelated.file.name)
    assert database_hits(other_export_registration.email)


MAIL_TASKS = "django_tasks_database_dbtaskresult.args_kwargs"


def registered_with_mail(mail_queue, capture, *people):
    """Registrations each with one mail sent (a finished task row) and one still queued."""
    event = EventFactory()
    with capture(execute=True):
        registrations = [services.register(event=event, consent=True, **person) for person in people]
    assert mail_queue.run() == len(people)  # the confirmations: sent, their rows stay
    with capture(execute=True):
        for registration in registrations:
            send_registration_mail(registration.pk, MailKind.REMINDER)
    assert len(mail_queue.waiting()) == len(people)
    for person in people:
        assert MAIL_TASKS in database_hits(person["email"])
    return registrations


BYSTANDER = {"name": "Other", "email": "bystander@erasure.invalid"}


def test_anonymising_a_registrant_deletes_the_mail_to_them(mail_queue, django_capture_on_commit_callbacks):
    registration, bystander = registered_with_mail(
        mail_queue, django_capture_on_commit_callbacks, REGISTRANT, BYSTANDER
    )

    Registration.objects.filter(pk=registration.pk).anonymise()

    assert database_hits(REGISTRANT["email"]) == []
    assert database_hits(REGISTRANT["name"]) == []
    # Only the mail about that registration went: the other registrant still gets theirs.
    assert MAIL_TASKS in database_hits(bystander.email)
    assert mail_queue.run() == 1


@pytest.mark.parametrize("bulk", [False, True], ids=["delete view", "delete action"])
def test_deleting_a_registration_in_the_admin_deletes_the_mail_to_them(
    bulk, admin_client, mail_queue, django_capture_on_commit_callbacks
):
    registration, bystander = registered_with_mail(
        mail_queue, django_capture_on_commit_callbacks, REGISTRANT, BYSTANDER
    )

    if bulk:
        url = reverse("admin:seminars_registration_changelist")
        data = {"action": "delete_selected", "_selected_action": [registration.pk], "post": "yes"}
    else:
        url = reverse("admin:seminars_registration_delete", args=[registration.pk])
        data = {"post": "yes"}
    assert admin_client.post(url, data).status_code == 302

    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert database_hits(REGISTRANT["email"]) == []
    assert MAIL_TASKS in database_hits(bystander.email)


def test_report_files_expire_by_age(admin_user, settings, everything_is_large, django_capture_on_commit_callbacks):
    settings.REPORT_EXPORT_RETENTION_DAYS = 30
    cohort = CohortFactory()
    StudentFactory(cohort=cohort)
    old = queue_in_background("cohort", admin_user, cohort, django_capture_on_commit_callbacks)
    new = queue_in_background("cohort", admin_user, cohort, django_capture_on_commit_callbacks)
    ReportExport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    storage = old.file.storage
    assert storage.exists(old.file.name)

    out = StringIO()
    call_command("delete_expired_files", "--dry-run", stdout=out)
    assert "Report exports to delete: 1" in out.getvalue()
    assert storage.exists(old.file.name)

    call_command("delete_expired_files", stdout=out)
    assert "Report exports deleted: 1" in out.getvalue()
    assert not storage.exists(old.file.name)
    assert list(ReportExport.objects.values_list("pk", flat=True)) == [new.pk]
    assert storage.exists(new.file.name)


def test_report_files_no_export_lists_are_deleted_once_an_hour_old(
    admin_user, settings, everything_is_large, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    StudentFactory(cohort=cohort)
    export = queue_in_background("cohort", admin_user, cohort, django_capture_on_commit_callbacks)
    path = Path(export.file.path)
    ReportExport.objects.filter(pk=export.pk).delete()  # e.g. with the user who asked for it
    call_command("delete_expired_files", stdout=StringIO())
    assert path.exists()  # a task may be saving it right now
    two_hours_ago = time.time() - 2 * 3600
    os.utime(path, (two_hours_ago, two_hours_ago))
    call_command("delete_expired_files", stdout=StringIO())
    assert not path.exists()


def test_deleting_an_export_in_the_admin_deletes_its_file(
    admin_client, admin_user, everything_is_large, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    StudentFactory(cohort=cohort)
    export = queue_in_background("cohort", admin_user, cohort, django_capture_on_commit_callbacks)
    path = Path(export.file.path)
    url = reverse("admin:socoba_portal_reportexport_delete", args=[export.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not ReportExport.objects.exists()
    assert not path.exists()


def test_a_report_finished_after_its_export_was_erased_leaves_no_file(
    admin_user, settings, everything_is_large, monkeypatch
):
    cohort = CohortFactory()
    StudentFactory(cohort=cohort)
    report = report_classes()["cohort"].for_user(admin_user, cohort.pk, language="fi")
    export = queue_export(report, cohort.pk)  # not run: no on-commit callbacks in this test
    cohort_report = report_classes()["cohort"]
    render = cohort_report.render

    def render_then_erase(self):
        pdf = render(self)
        ReportExport.objects.filter(pk=export.pk).delete()  # the student was erased meanwhile
        return pdf

    monkeypatch.setattr(cohort_report, "render", render_then_erase)
    render_report_export.call(export.pk)
    assert not ReportExport.objects.exists()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_an_import_preview_never_confirmed_is_deleted(admin_client, settings):
    settings.IMPORT_PENDING_HOURS = 2
    cohort = CohortFactory()
    csv = f"{IMPORT_HEADER}Q1,{cohort.slug},Unconfirmed,Person,1.9.2018,active\n"
    upload = SimpleUploadedFile("students.csv", csv.encode(), content_type="text/csv")
    preview = admin_client.post(
        reverse("admin:students_student_import"), {"format": "0", "import_file": upload, "resource": "0"}
    )
    confirm = preview.context["confirm_form"]
    [pending] = list((Path(settings.PRIVATE_MEDIA_ROOT) / PrivateImportStorage.folder).iterdir())
    assert "Unconfirmed" in pending.read_text()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*"))  # never under the public MEDIA_URL

    out = StringIO()
    call_command("delete_expired_files", stdout=out)
    assert "Unconfirmed import files deleted: 0" in out.getvalue()
    three_hours_ago = time.time() - 3 * 3600
    os.utime(pending, (three_hours_ago, three_hours_ago))
    call_command("delete_expired_files", stdout=out)
    assert "Unconfirmed import files deleted: 1" in out.getvalue()
    assert not pending.exists()

    # Confirming it now asks for the file again instead of failing.
    data = {name: confirm[name].value() for name in confirm.fields}
    response = admin_client.post(reverse("admin:students_student_process_import"), data)
    assert response.status_code == 302
    assert response.url == reverse("admin:students_student_import")
    assert not Student.objects.exists()


def test_a_confirmed_import_leaves_no_file(admin_client, settings):
    cohort = CohortFactory()
    csv = f"{IMPORT_HEADER}Q2,{cohort.slug},Kept,Person,1.9.2018,active\n"
    upload = SimpleUploadedFile("students.csv", csv.encode(), content_type="text/csv")
    preview = admin_client.post(
        reverse("admin:students_student_import"), {"format": "0", "import_file": upload, "resource": "0"}
    )
    confirm = preview.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    assert admin_client.post(reverse("admin:students_student_process_import"), data).status_code == 302
    assert Student.objects.filter(student_number="Q2").exists()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_anonymise_students_chooses_by_retention_cohort_and_number_and_dry_runs(settings):
    settings.STUDENT_RETENTION_DAYS = 365
    today = timezone.localdate()
    long_gone = StudentFactory(status=Student.Status.WITHDRAWN, withdrew_on=today - datetime.timedelta(days=400))
    recently_gone = StudentFactory(
        status=Student.Status.WITHDRAWN, withdrew_on=today - datetime.timedelta(days=30)
    )
    active = StudentFactory()
    cohort_mate = StudentFactory()

    out = StringIO()
    call_command("anonymise_students", "--retention-ended", "--dry-run", stdout=out)
    assert f"Student {long_gone.pk}" in out.getvalue() or f"Opiskelija {long_gone.pk}" in out.getvalue()
    assert "Students to anonymise: 1" in out.getvalue()
    assert long_gone.last_name not in out.getvalue()  # cron mail carries no names
    long_gone.refresh_from_db()
    assert not long_gone.is_anonymised

    call_command("anonymise_students", "--retention-ended", stdout=out)
    assert "Students anonymised: 1" in out.getvalue()
    for student in (long_gone, recently_gone, active, cohort_mate):
        student.refresh_from_db()
    assert long_gone.is_anonymised
    assert not recently_gone.is_anonymised and not active.is_anonymised

    call_command("anonymise_students", "--cohort", cohort_mate.cohort.slug, stdout=out)
    cohort_mate.refresh_from_db()
    assert cohort_mate.is_anonymised and not active.is_anonymised

    with pytest.raises(Exception, match="Choose the students"):
        call_command("anonymise_students", stdout=out)
    with pytest.raises(Exception, match="No cohort"):
        call_command("anonymise_students", "--cohort", "no-such-cohort", stdout=out)


def test_the_audit_trail_names_a_thesis_without_its_title():
    student = StudentFactory()
    thesis = Thesis.objects.create(student=student, title=THESIS_TITLE)
    entry = AuditLogEntry.objects.get_for_object(thesis).get(action=AuditLogEntry.Action.CREATE)
    assert THESIS_TITLE not in entry.object_repr
    assert THESIS_TITLE not in json.dumps(entry.changes)
