"""Event JSON-LD; the seminar report and certificates of attendance (real PDFs)."""

import io
import json
import re
import zipfile

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from projects.models import Membership, Project
from seminars.models import Event, ProgrammeItem, Registration
from seminars.reports import AttendanceCertificate, SeminarReport
from tests.conftest import with_mfa
from tests.reports import pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


def _jsonld(html):
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def _seminar():
    return Event.objects.get(series_name="SOCOBA-seminaari", series_number=3)


def test_event_page_describes_the_event(client, demo_data):
    event = _seminar()
    data = _jsonld(client.get(event.get_absolute_url()).text)
    assert data["@type"] == "Event"
    assert data["name"] == str(event)
    assert data["startDate"] == event.start.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["@type"] in {"Place", "VirtualLocation"}
    assert data["offers"]["price"] == "0"
    assert data["offers"]["priceCurrency"] == "EUR"
    assert data["organizer"]["name"] == "Kainuun sosiaalityön koulutus- ja kehittämishanke"


def test_seminar_report_has_counts_programme_and_sign_in_sheet(admin_user, demo_data):
    event = _seminar()
    pdf = SeminarReport.for_user(admin_user, str(event.pk), language="fi").render()
    text = " ".join(pdf_text(pdf).split())
    assert "SOCOBA-seminaari 3/6" in text
    for item in event.programme_items.all():
        assert item.title[:30] in text
    registrant = event.registrations.exclude(status=Registration.Status.CANCELLED).first()
    assert registrant.name in text
    attended = event.registrations.filter(attended=True).count()
    assert str(attended) in text
    pages = pdf_pages(pdf)
    assert all(re.search(rf"\b{n}\s*/\s*{len(pages)}\b", page) for n, page in enumerate(pages, start=1))


SHEET = "Osallistujalista (allekirjoitukset)"


def _report_text(user, event):
    return " ".join(pdf_text(SeminarReport.for_user(user, str(event.pk), language="fi").render()).split())


def test_the_seminar_report_lists_who_attended(admin_user, demo_data):
    event = Event.objects.filter(end__lt=timezone.now(), registrations__attended=True).distinct().first()
    text = _report_text(admin_user, event)
    assert "Osallistuneet" in text
    attended = event.registrations.filter(attended=True).order_by("name")
    absent = event.registrations.filter(attended=False, status=Registration.Status.CONFIRMED).first()
    attendees = text.split("Osallistuneet", 1)[1].split(SHEET, 1)[0]
    assert all(registration.name in attendees for registration in attended)
    if absent is not None:
        assert absent.name not in attendees


def test_an_online_event_has_no_sign_in_sheet_and_an_event_with_a_venue_has_one(admin_user, demo_data):
    on_site = Event.objects.exclude(address="").filter(registrations__isnull=False).first()
    assert SHEET in _report_text(admin_user, on_site)
    online = Event.objects.filter(registrations__isnull=False).first()
    online.address, online.venue = "", ""
    online.online_url = online.online_url or "https://example.org/kokous"
    online.save()
    text = _report_text(admin_user, online)
    assert SHEET not in text
    assert "Verkkotapahtuma: ei allekirjoituslistaa." in text


def test_seminar_report_permissions(client, demo_data, django_user_model):
    event = _seminar()
    url = reverse("seminars:report", kwargs={"value": event.pk})
    reporter = with_mfa(django_user_model.objects.create_user(email="r@example.org", password="x", is_staff=True))
    Membership.objects.create(user=reporter, project=event.project, role=Membership.Role.REPORTER)
    client.force_login(reporter)
    assert client.get(url).status_code == 404  # the sign-in sheet has registrants' names
    other = with_mfa(django_user_model.objects.create_user(email="c@example.org", password="x", is_staff=True))
    Membership.objects.create(
        user=other, project=Project.objects.get(slug="kymenlaakso"), role=Membership.Role.COORDINATOR
    )
    client.force_login(other)
    assert client.get(url).status_code == 404
    coordinator = with_mfa(
        django_user_model.objects.create_user(email="k@example.org", password="x", is_staff=True)
    )
    Membership.objects.create(user=coordinator, project=event.project, role=Membership.Role.COORDINATOR)
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_certificate_for_an_attended_registrant(demo_data):
    registration = Registration.objects.filter(attended=True).select_related("event").first()
    certificate = AttendanceCertificate.for_participant(registration.token, language="fi")
    text = pdf_text(certificate.render())
    assert registration.name in text
    assert str(registration.event.title)[:30] in text.replace("\n", " ")
    assert "Euroopan unioni – Euroopan sosiaalirahasto" in text
    assert re.search(r"\(\d+(,\d)? ", text)  # the length in hours


@pytest.mark.parametrize(
    ("language", "hours", "title"),
    [
        ("fi", "5,5", "Projektipäällikkö, Itä-Suomen yliopisto"),
        ("sv", "5,5", "Projektchef, Östra Finlands universitet"),
        ("en", "5.5", "Project manager, University of Eastern Finland"),
    ],
)
def test_a_certificate_counts_the_programme_without_its_breaks_and_names_its_signer(
    demo_data, language, hours, title
):
    """The seminar runs 9.00–15.30 with a lunch (12.00–12.45) and a coffee gap (10.30–10.45):
    5.5 hours of programme, and "Lounas" is no topic."""
    registration = _seminar().registrations.filter(attended=True).first()
    text = " ".join(
        pdf_text(AttendanceCertificate.for_participant(registration.token, language=language).render()).split()
    )
    assert f"({hours} " in text
    lunch = ProgrammeItem.objects.get(event=registration.event, is_break=True)
    with translation.override(language):
        assert lunch.title not in text
        assert all(item.title in text for item in registration.event.programme_items.filter(is_break=False))
    assert "Hanna Esimerkki (demo)" in text and title in text


def test_participants_get_a_secret_link_after_the_event(client, demo_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_attendance_certificates", stdout=io.StringIO())
    sent = len(mail.outbox)
    assert (
        sent == Registration.objects.filter(attended=True, event__end__lt=timezone.now()).exclude(email="").count()
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_attendance_certificates", stdout=io.StringIO())
    assert len(mail.outbox) == sent  # never twice
    registration = Registration.objects.get(email=mail.outbox[0].to[0], certificate_sent_at__isnull=False)
    with translation.override(registration.language):
        path = registration.get_certificate_url()
    assert path in mail.outbox[0].body
    assert registration.get_cancel_url() not in mail.outbox[0].body  # the event is over: nothing to cancel
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_only_attended_registrants_have_certificates(client, demo_data):
    not_attended = Registration.objects.filter(attended=False).first()
    assert client.get(not_attended.get_certificate_url()).status_code == 404
    assert client.get(reverse("seminars:certificate", kwargs={"token": "guess"})).status_code == 404


def test_coordinator_downloads_certificates_in_bulk(admin_client, demo_data):
    """One certificate a person, named by the event and the person; two people of the same
    name get a file each."""
    event = _seminar()
    attended = list(event.registrations.filter(attended=True, anonymised_at__isnull=True))
    Registration.objects.filter(pk=attended[1].pk).update(name=attended[0].name)
    response = admin_client.post(
        reverse("admin:seminars_event_changelist"),
        {"action": "export_certificates", "_selected_action": [event.pk]},
    )
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len(names) == len(set(names)) == len(attended) > 1
    person = slugify(attended[0].name)
    twins = sorted(name for name in names if f"-{event.slug}-{person}-" in name)
    assert len(twins) == 2 and any(name.endswith("-2.pdf") for name in twins), names


@pytest.mark.parametrize("slug", ["feed", "syote", "kalender", "certificate", "todistus"])
def test_event_slugs_cannot_hide_behind_fixed_addresses_in_any_language(slug):
    from django.core.exceptions import ValidationError

    from tests.seminars.factories import EventFactory

    event = EventFactory.build(
        slug=slug,
        project=Project.objects.create(
            official_name_fi="H",
            name_fi="H",
            slug="h",
            region_fi="R",
            summary_fi="S",
            planned_start="2020-01-01",
            planned_end="2020-12-31",
        ),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "slug" in error.value.message_dict


def test_no_certificate_before_the_event_is_over(client):
    from seminars.reports import AttendanceCertificate
    from tests.seminars.factories import EventFactory, RegistrationFactory

    upcoming = RegistrationFactory(event=EventFactory(), attended=True)  # checked in by mistake
    assert not AttendanceCertificate.report_queryset().filter(pk=upcoming.pk).exists()
    assert client.get(upcoming.get_certificate_url()).status_code == 404


def test_every_person_a_seminar_report_or_certificate_names_is_in_the_access_log(admin_user, demo_data):
    from auditlog.models import LogEntry

    event = _seminar()
    accessed = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    before = accessed.count()
    report = SeminarReport.for_user(admin_user, event.pk, language="fi")
    report.render()
    named = {r.pk for r in [*report.attendees, *report.sign_in_sheet]}
    assert named and accessed.count() - before == len(named)
    assert set(accessed.order_by("-pk")[: len(named)].values_list("actor", flat=True)) == {admin_user.pk}

    registration = event.registrations.attendees().first()
    before = accessed.count()
    AttendanceCertificate.for_user(admin_user, registration.pk, language="fi").render()
    assert accessed.count() - before == 1
    assert accessed.latest("pk").object_pk == str(registration.pk)
