"""Cross-cutting defences: bad input answers 400 (never 500), readiness, security headers,
private downloads."""

import datetime
import io
import zipfile
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfWriter

from projects.models import Project
from seminars.models import Event, Registration
from socoba_portal.models import ReportExport
from socoba_portal.reports import rendering
from students.models import Cohort
from tests.admin_forms import admin_form_data
from tests.seminars.factories import EventFactory, RegistrationFactory

PLACEHOLDER = "PLACEHOLDER"


def _with_nul(name, kwarg):
    return reverse(name, kwargs={kwarg: PLACEHOLDER}).replace(PLACEHOLDER, "%00")


# A NUL byte anywhere answers 400 --------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kwarg"),
    [
        ("seminars:cancel", "token"),
        ("seminars:certificate", "token"),
        ("seminars:detail", "slug"),
        ("seminars:ics", "slug"),
        ("seminars:project_calendar", "project"),
        ("seminars:report", "value"),
        ("projects:report", "value"),
        ("projects:detail", "slug"),
        ("students:report", "value"),
        ("students:cohort", "slug"),
    ],
)
def test_a_nul_byte_in_a_url_answers_400(admin_client, name, kwarg):
    assert admin_client.get(_with_nul(name, kwarg)).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("admin:seminars_registration_changelist", {"q": "\x00"}),
        ("admin:seminars_event_changelist", {"project__id__exact": "\x00"}),
        ("admin:seminars_event_changelist", {"status__exact": "a\x00b"}),
        ("admin:projects_publication_changelist", {"year": "\x00"}),
        ("admin:students_student_changelist", {"q": "x\x00"}),
        ("seminars:list", {"project": "\x00", "kind": "\x00", "year": "\x00", "page": "\x00"}),
        ("projects:publications", {"\x00": "1"}),
    ],
)
def test_a_nul_byte_in_a_query_answers_400(admin_client, url, params):
    assert admin_client.get(reverse(url), params).status_code == 400


@pytest.mark.django_db
def test_a_nul_byte_in_a_form_field_answers_400_and_saves_nothing(client):
    event = EventFactory()
    response = client.post(
        reverse("seminars:register", kwargs={"slug": event.slug}),
        {"name": "Testi\x00", "email": "nul@example.org", "consent": "on"},
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_nul_byte_in_the_session_cookie_answers_400(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/fi/").status_code == 400


@pytest.mark.django_db
def test_tokens_that_cannot_be_tokens_are_missing_pages(client):
    base = reverse("seminars:cancel", kwargs={"token": PLACEHOLDER})
    for token in ["x" * 65, "äö", "a.b"]:
        assert client.get(base.replace(PLACEHOLDER, token)).status_code == 404


# Dates in a sensible range -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("moment", ["0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31T12:00"])
def test_an_event_outside_the_sensible_years_is_a_form_error(admin_client, moment):
    event = EventFactory()
    url = reverse("admin:seminars_event_change", args=[event.pk])
    response = admin_client.post(url, admin_form_data(admin_client.get(url), start=moment, end=moment))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Anna päivämäärä väliltä 1.1.1900–31.12.2100." in str(errors["start"])
    assert "end" in errors
    assert Event.objects.get(pk=event.pk).start == event.start


@pytest.mark.django_db
def test_a_project_period_outside_the_sensible_years_is_a_form_error(admin_client, demo_data):
    project = Project.objects.get(slug="kainuu")
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = admin_form_data(admin_client.get(url), planned_start="0001-01-01", actual_end="9999-12-31")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "planned_start" in errors and "actual_end" in errors
    assert "1.1.1900" in str(errors["planned_start"])


def test_every_date_people_enter_is_range_checked():
    from django.apps import apps
    from django.db import models

    from socoba_portal.validators import validate_sensible_date

    unchecked = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in {"projects", "seminars", "students", "legal"}
        for field in model._meta.get_fields()
        if isinstance(field, models.DateField)
        and field.editable
        and not field.auto_now
        and not field.auto_now_add
        and validate_sensible_date not in field.validators
    ]
    # The moment of consent is stamped by the workflow, never typed in.
    assert unchecked == ["seminars.Registration.consent_at"]


# Registration emails: one active registration per address, whatever its case -------------------


@pytest.mark.django_db
def test_emails_are_stored_lower_cased():
    registration = RegistrationFactory(email="  Maija.Meikalainen@Example.ORG ")
    registration.refresh_from_db()
    assert registration.email == "maija.meikalainen@example.org"


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_case_twin_of_an_active_registration():
    from django.db import IntegrityError

    first = RegistrationFactory(email="maija@example.org")
    twin = Registration(event=first.event, name="Twin", email="MAIJA@example.org")
    with pytest.raises(IntegrityError):
        Registration.objects.bulk_create([twin])  # bulk_create skips save(): the database decides


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["other@example.org", "OTHER@Example.org"])
def test_changing_an_email_to_another_registrants_is_a_form_error(admin_client, email):
    other = RegistrationFactory(email="other@example.org")
    registration = RegistrationFactory(event=other.event, email="mine@example.org")
    url = reverse("admin:seminars_registration_change", args=[registration.pk])
    response = admin_client.post(url, admin_form_data(admin_client.get(url), email=email))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Tällä sähköpostiosoitteella on jo voimassa oleva ilmoittautuminen" in str(errors["email"])
    registration.refresh_from_db()
    assert registration.email == "mine@example.org"


@pytest.mark.django_db
def test_a_cancelled_registrations_email_may_be_reused():
    cancelled = RegistrationFactory(email="again@example.org", status=Registration.Status.CANCELLED)
    again = RegistrationFactory(event=cancelled.event, email="Again@example.org")
    assert again.pk


# Readiness ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_readyz_is_ok_when_the_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.text == "database: ok\ncache: ok\n"


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection to server at 10.0.0.5 failed: password authentication failed")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503
    # The default cache is a database table, so it is down with the database (not with Redis).
    cache_state = "unavailable" if "DatabaseCache" in settings.CACHES["default"]["BACKEND"] else "ok"
    assert response.text == f"database: unavailable\ncache: {cache_state}\n"
    assert "password" not in response.text and "10.0.0.5" not in response.text


@pytest.mark.django_db
def test_readyz_answers_503_when_the_cache_is_down(client, monkeypatch):
    def broken_set(*args, **kwargs):
        raise ConnectionError("redis://:secret@cache:6379 refused")

    monkeypatch.setattr(cache, "set", broken_set)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.text == "database: ok\ncache: unavailable\n"


@pytest.mark.django_db
def test_readyz_notices_a_cache_that_keeps_nothing(client, monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    assert client.get("/readyz").status_code == 503


def test_healthz_stays_up_while_the_database_is_down(client, monkeypatch):
    from django.db import connection

    monkeypatch.setattr(connection, "cursor", lambda *a, **k: (_ for _ in ()).throw(OperationalError("down")))
    assert client.get("/healthz").status_code == 200


# Headers -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/fi/", "/admin/login/", "/robots.txt"])
def test_every_response_denies_powerful_browser_features(client, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]:
        assert f"{feature}=()" in policy
    assert "publickey-credentials" not in policy  # security keys keep working


@pytest.mark.django_db
def test_forms_may_only_post_to_the_portal(client):
    assert "form-action 'self'" in client.get("/fi/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_atom_feed_escapes_plain_text_descriptions(client):
    EventFactory(description_fi='Tule & kuuntele <script>alert("x")</script>\nToinen rivi')
    response = client.get(reverse("seminars:feed"))
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
    summary = root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary")
    assert summary.get("type") == "html"
    # What a feed reader renders as HTML shows the text as written, never as markup.
    assert "<script>" not in summary.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in summary.text
    assert "Tule &amp; kuuntele" in summary.text


# Every confidential download is private --------------------------------------------------------


@pytest.fixture
def quick_pdfs(monkeypatch):
    """The headers are under test, not WeasyPrint: a blank one-page PDF."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    monkeypatch.setattr(rendering, "render_pdf", lambda html: buffer.getvalue())


def _assert_private(response):
    assert response.status_code == 200, response.status_code
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.django_db
def test_staff_reports_are_private(admin_client, demo_data, quick_pdfs):
    event = Event.objects.filter(registrations__isnull=False).first()
    for url in [
        reverse("projects:report", kwargs={"value": "kainuu"}),
        reverse("students:report", kwargs={"value": Cohort.objects.first().slug}),
        reverse("seminars:report", kwargs={"value": event.pk}),
    ]:
        _assert_private(admin_client.get(url))


@pytest.mark.django_db
def test_a_report_queued_in_the_background_and_its_download_are_private(
    admin_client, demo_data, quick_pdfs, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_BACKGROUND_ROWS = -1
    with django_capture_on_commit_callbacks(execute=True):
        queued = admin_client.get(reverse("projects:report", kwargs={"value": "kainuu"}))
    assert queued.status_code == 302
    assert queued["Cache-Control"] == "private, no-store"
    _assert_private(admin_client.get(ReportExport.objects.get().get_absolute_url()))


@pytest.mark.django_db
def test_admin_report_bundles_are_private(admin_client, demo_data, quick_pdfs):
    events = Event.objects.all()
    for url, action, pks in [
        (
            reverse("admin:projects_project_changelist"),
            "export_reports",
            Project.objects.values_list("pk", flat=1),
        ),
        (reverse("admin:seminars_event_changelist"), "export_reports", events.values_list("pk", flat=True)),
    ]:
        response = admin_client.post(url, {"action": action, "_selected_action": list(pks)})
        _assert_private(response)
        assert response["Content-Type"] == "application/zip"
        # One file a report: a project's seminar reports must not share a name in the zip.
        names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
        assert len(names) == len(set(names)) == len(pks)


@pytest.mark.django_db
def test_certificates_are_private(client, admin_client, quick_pdfs):
    event = EventFactory(
        start=timezone.now() - datetime.timedelta(days=2), end=timezone.now() - datetime.timedelta(days=1)
    )
    registration = RegistrationFactory(event=event, attended=True)
    _assert_private(client.get(registration.get_certificate_url()))
    response = admin_client.post(
        reverse("admin:seminars_event_changelist"),
        {"action": "export_certificates", "_selected_action": [event.pk]},
    )
    _assert_private(response)


@pytest.mark.django_db
def test_personal_data_exports_are_private(admin_client, demo_data):
    registrations = list(Registration.objects.values_list("pk", flat=True)[:3])
    response = admin_client.post(
        reverse("admin:seminars_registration_export"),
        {"format": "0", "resource": "0", "registrationresource_name": "on", "export_items": registrations},
    )
    _assert_private(response)
    response = admin_client.post(
        reverse("admin:students_student_export"), {"format": "0", "studentresource_last_name": "on"}
    )
    _assert_private(response)
    from students.models import Student

    student = Student.objects.first()
    _assert_private(admin_client.get(reverse("admin:students_student_export_json", args=[student.pk])))


@pytest.mark.django_db
def test_public_calendars_stay_cacheable(client):
    event = EventFactory()
    response = client.get(reverse("seminars:ics", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_foreign_host_header_gets_the_400_page_not_a_500(client):
    response = client.get("/fi/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert 'class="skip-link"' in response.text  # the portal's layout
    assert "evil.example" not in response.text


@pytest.mark.django_db
def test_a_registration_with_the_shared_cache_down_answers_503_and_saves_nothing(client, monkeypatch):
    from redis.exceptions import ConnectionError as RedisConnectionError

    from seminars.models import Registration
    from socoba_portal import abuse
    from tests.public_forms import filled_by_a_person

    def cache_down(*args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6399. Connection refused.")

    monkeypatch.setattr(abuse.ratelimit, "consume", cache_down)
    event = EventFactory()
    with translation.override("fi"):
        url = reverse("seminars:register", kwargs={"slug": event.slug})
    data = {"name": "Maija", "email": "maija@example.org", "consent": "on"}
    response = client.post(url, filled_by_a_person(data))
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert 'class="skip-link"' in response.text and "Tilapäisesti" in response.text
    assert "6399" not in response.text
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("changelist", "query"),
    [
        ("admin:seminars_event_changelist", "start__year=2147483648"),
        ("admin:seminars_event_changelist", "start__year=9999"),
        ("admin:seminars_registration_changelist", "created_at__year=10000"),
        ("admin:students_completion_changelist", "completed_on__year=99999999999999999999"),
    ],
)
def test_impossible_years_in_admin_filters_are_wrong_lookups_not_500s(admin_client, changelist, query):
    response = admin_client.get(f"{reverse(changelist)}?{query}")
    assert response.status_code == 302
    assert response.url.endswith("?e=1")


@pytest.mark.parametrize("forged", ["abc", "99999999999999999999999", "-1"])
@pytest.mark.parametrize(
    ("changelist", "action"),
    [
        ("admin:projects_project_changelist", "export_reports"),
        ("admin:seminars_event_changelist", "export_reports"),
        ("admin:seminars_event_changelist", "export_certificates"),
        ("admin:seminars_registration_changelist", "mark_attended"),
    ],
)
def test_a_forged_selection_is_dropped_not_an_error_page(admin_client, changelist, action, forged):
    response = admin_client.post(reverse(changelist), {"action": action, "_selected_action": [forged]})
    assert response.status_code in {200, 302}


def test_a_forged_autocomplete_value_comes_back_as_a_form_error(admin_client, demo_data):
    kainuu = Project.objects.get(slug="kainuu")
    url = reverse("admin:projects_project_change", args=[kainuu.pk])
    form = admin_form_data(admin_client.get(url))
    organisation = next(key for key in form if key.endswith("-organisation"))  # a partner's, an autocomplete
    response = admin_client.post(url, {**form, organisation: "abc"})
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"]
