"""The coordinators' admin: counts, registrations per event, exports with chosen
columns, check-in, status moves with mail, and who sees registrants at all."""

import csv
import io

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import Membership
from seminars.models import Event, Registration
from tests.admin_forms import admin_form_data
from tests.conftest import with_mfa
from tests.factories import ProjectFactory
from tests.seminars.factories import EventFactory, RegistrationFactory, event_with_everything

pytestmark = pytest.mark.django_db
Status = Registration.Status
CHANGELIST = "admin:seminars_registration_changelist"


def staff(django_user_model, project, role, email="staff@example.org"):
    user = with_mfa(django_user_model.objects.create_user(email=email, password="x", is_staff=True))
    Membership.objects.create(user=user, project=project, role=role)
    return user


@pytest.fixture
def two_events():
    own = EventFactory(capacity=2)
    other = EventFactory()
    RegistrationFactory(event=own, name="Oma Osallistuja", email="oma@example.org")
    RegistrationFactory(event=other, name="Vieras Osallistuja", email="vieras@example.org")
    return own, other


def test_admin_pages_open(admin_client):
    event = event_with_everything(registrations=2)
    registration = event.registrations.first()
    for url in [
        reverse("admin:seminars_event_changelist"),
        reverse("admin:seminars_event_add"),
        reverse("admin:seminars_event_change", args=[event.pk]),
        reverse(CHANGELIST),
        reverse(CHANGELIST) + f"?event__id__exact={event.pk}",
        reverse("admin:seminars_registration_change", args=[registration.pk]),
        reverse("admin:seminars_registration_add"),
        reverse("admin:seminars_event_check_in", args=[event.pk]),
    ]:
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get(reverse(CHANGELIST), {"q": "ä%_'\""}).status_code == 200


def test_event_page_edits_programme_and_materials_inline(admin_client):
    event = event_with_everything()
    html = admin_client.get(reverse("admin:seminars_event_change", args=[event.pk])).text
    assert 'name="programme_items-TOTAL_FORMS"' in html
    assert 'name="materials-TOTAL_FORMS"' in html
    assert event.programme_items.first().title in html


def test_event_list_shows_counts_in_a_constant_number_of_queries(admin_client):
    event = EventFactory(capacity=5)
    RegistrationFactory.create_batch(2, event=event, attended=True)
    RegistrationFactory(event=event, status=Status.WAITLISTED)
    RegistrationFactory(event=event, status=Status.CANCELLED)
    url = reverse("admin:seminars_event_changelist")
    response = admin_client.get(url)
    row = next(r for r in response.context["cl"].result_list if r.pk == event.pk)
    assert (row.confirmed_count, row.waitlisted_count, row.cancelled_count, row.attended_count) == (2, 1, 1, 2)
    assert "2 / 5" in response.text
    with CaptureQueriesContext(connection) as small:
        admin_client.get(url)
    for _ in range(5):
        event_with_everything(registrations=4)
    with CaptureQueriesContext(connection) as large:
        admin_client.get(url)
    assert len(large) == len(small)


def test_coordinator_sees_only_their_projects_registrants(client, django_user_model, two_events):
    own, other = two_events
    client.force_login(staff(django_user_model, own.project, Membership.Role.COORDINATOR))
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert "Oma Osallistuja" in response.text
    assert "Vieras Osallistuja" not in response.text
    assert other.title not in response.text  # not even in the event filter
    other_registration = other.registrations.get()
    assert (
        client.get(reverse("admin:seminars_registration_change", args=[other_registration.pk])).status_code == 404
    )
    assert client.get(reverse("admin:seminars_event_check_in", args=[other.pk])).status_code == 404


def test_reporter_sees_events_but_no_registrants(client, django_user_model, two_events):
    own, _other = two_events
    client.force_login(staff(django_user_model, own.project, Membership.Role.REPORTER))
    assert client.get(reverse("admin:seminars_event_changelist")).status_code == 200
    assert client.get(reverse(CHANGELIST)).status_code == 403
    registration = own.registrations.get()
    assert client.get(reverse("admin:seminars_registration_change", args=[registration.pk])).status_code in {
        403,
        404,
    }
    assert client.get(reverse("admin:seminars_event_check_in", args=[own.pk])).status_code == 403


def test_student_data_officer_sees_nothing_here(client, django_user_model, two_events):
    own, _other = two_events
    client.force_login(staff(django_user_model, own.project, Membership.Role.STUDENT_DATA_OFFICER))
    assert client.get(reverse("admin:seminars_event_changelist")).status_code == 403
    assert client.get(reverse(CHANGELIST)).status_code == 403


def test_viewing_a_registration_is_logged(admin_client, two_events):
    registration = two_events[0].registrations.get()
    admin_client.get(reverse("admin:seminars_registration_change", args=[registration.pk]))
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(registration.pk)).exists()


def _action(client, action, registrations, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [r.pk for r in registrations], **extra},
    )


EXPORT = "admin:seminars_registration_export"
FORMAT = {"csv": "0", "xlsx": "1"}  # the order of settings.IMPORT_EXPORT_FORMATS


def export(client, columns, file_format, registrations=None):
    """The second step of the export: the chosen columns and format, then the file."""
    data = {"format": FORMAT[file_format], "resource": "0"}
    data |= {f"registrationresource_{column}": "on" for column in columns}
    if registrations is not None:  # started from the action menu on selected rows
        data["export_items"] = [r.pk for r in registrations]
    return client.post(reverse(EXPORT), data)


def test_export_asks_for_columns_and_shows_the_data_protection_note(admin_client, two_events):
    registrations = list(Registration.objects.all())
    admin_client.cookies["django_language"] = "en"
    response = _action(admin_client, "export_admin_action", registrations)
    assert response.status_code == 200
    assert "personal data" in response.text
    form = response.context["form"]
    ticked = {name for name, field in form.fields.items() if field.initial is True}
    assert ticked == {f"registrationresource_{c}" for c in ["name", "organisation", "status"]}  # minimisation
    assert ">Accessibility or dietary needs<" in response.text  # the columns' own names, translated


def test_csv_export_has_only_the_chosen_columns(admin_client, two_events):
    registrations = list(Registration.objects.order_by("pk"))
    response = export(admin_client, ["name", "organisation"], "csv", registrations)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Nimi", "Organisaatio"]
    assert rows[1][0] == "Oma Osallistuja"
    assert "oma@example.org" not in response.content.decode()
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == 2


def test_excel_export_has_the_chosen_columns_in_finnish_and_a_data_protection_sheet(admin_client, two_events):
    own = two_events[0].registrations.get()
    own.attended = True
    own.save()
    response = export(admin_client, ["email", "status", "attended", "created_at"], "xlsx", [own])
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    data, note = book.worksheets
    rows = list(data.iter_rows(values_only=True))
    assert rows[0] == ("Sähköposti", "Tila", "Osallistui", "Ilmoittautumisaika")
    local = timezone.localtime(own.created_at)
    assert rows[1] == ("oma@example.org", "Vahvistettu", "kyllä", f"{local:%-d.%-m.%Y %-H.%M}")
    assert note.title == "Tietosuoja"
    assert "henkilötietoja" in note["A2"].value


def test_coordinator_can_only_export_their_own_registrants(client, django_user_model, two_events):
    own, _other = two_events
    client.force_login(staff(django_user_model, own.project, Membership.Role.COORDINATOR))
    text = export(client, ["name"], "csv").content.decode("utf-8-sig")  # the whole list
    assert "Oma Osallistuja" in text
    assert "Vieras Osallistuja" not in text
    response = export(client, ["name"], "csv", list(Registration.objects.all()))  # naming another's row
    assert not response.has_header("Content-Disposition")
    assert "Vieras Osallistuja" not in response.text


def test_status_actions_move_people_and_send_the_matching_mail(admin_client, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = _action(admin_client, "make_confirmed", [waiting])
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED  # the event is full: refused with a message
    assert response.status_code == 302
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        _action(admin_client, "make_cancelled", [confirmed])
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert (confirmed.status, waiting.status) == (Status.CANCELLED, Status.CONFIRMED)
    assert {m.to[0] for m in mail.outbox} == {confirmed.email, waiting.email}


def test_attendance_is_marked_in_the_list_and_on_the_check_in_page(admin_client):
    event = EventFactory()
    first, second = RegistrationFactory.create_batch(2, event=event)
    _action(admin_client, "mark_attended", [first])
    first.refresh_from_db()
    assert first.attended
    url = reverse("admin:seminars_event_check_in", args=[event.pk])
    page = admin_client.get(url)
    assert second.name in page.text
    assert 'name="viewport"' in page.text  # usable on a phone
    response = admin_client.post(url, {"registration": second.pk, "attended": "1"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.attended
    admin_client.post(url, {"registration": second.pk, "attended": "0"})
    second.refresh_from_db()
    assert not second.attended
    assert admin_client.post(url, {"registration": "nonsense"}).status_code == 302


def test_coordinator_registers_someone_through_the_workflow(admin_client, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, email="taken@example.org")
    url = reverse("admin:seminars_registration_add")
    data = admin_form_data(admin_client.get(url))
    data |= {"event": event.pk, "name": "Puhelin Ilmoittautuja", "email": "puhelin@example.org", "language": "fi"}
    response = admin_client.post(url, data)
    assert response.status_code == 200  # consent missing
    assert not Registration.objects.filter(email="puhelin@example.org").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data | {"consent": "on"})
    assert response.status_code == 302
    registration = Registration.objects.get(email="puhelin@example.org")
    assert registration.status == Status.WAITLISTED  # capacity holds in the admin too
    assert mail.outbox[0].to == ["puhelin@example.org"]
    response = admin_client.post(url, data | {"consent": "on", "email": "TAKEN@example.org"})
    assert response.status_code == 200
    assert Registration.objects.filter(email="taken@example.org").count() == 1


def test_raising_capacity_in_the_admin_promotes_from_the_waiting_list(
    admin_client, django_capture_on_commit_callbacks
):
    event = event_with_everything(capacity=1, materials=0)
    waiting = RegistrationFactory(event=event, status=Status.WAITLISTED)
    url = reverse("admin:seminars_event_change", args=[event.pk])
    data = admin_form_data(admin_client.get(url), capacity="2")
    for field in ("start", "end"):
        moment = timezone.localtime(getattr(event, field))
        data |= {f"{field}_0": moment.strftime("%d.%m.%Y"), f"{field}_1": moment.strftime("%H:%M")}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_event_validation(admin_client):
    project = ProjectFactory()
    url = reverse("admin:seminars_event_add")
    data = admin_form_data(admin_client.get(url))
    data |= {
        "project": project.pk,
        "kind": Event.Kind.SEMINAR,
        "title_fi": "Virheellinen",
        "slug": "feed",
        "status": Event.Status.PUBLISHED,
        "start_0": "2.3.2026",
        "start_1": "12:00",
        "end_0": "1.3.2026",
        "end_1": "12:00",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"slug", "end", "address"} <= set(errors)
    assert not Event.objects.exists()


def test_an_event_cancelled_again_after_being_published_again_is_mailed_again(
    admin_client, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RegistrationFactory(event=event, email="eka@example.org")
    url = reverse("admin:seminars_event_change", args=[event.pk])
    cancelled = {"status": Event.Status.CANCELLED, "cancellation_reason_fi": "Sairastuminen."}
    for status in [cancelled, {"status": Event.Status.PUBLISHED}, cancelled]:
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(url, admin_form_data(admin_client.get(url), **status))
    assert [message.to for message in mail.outbox] == [["eka@example.org"], ["eka@example.org"]]


def test_cancelling_an_event_mails_its_reason_to_everyone_registered_once_in_their_language(
    admin_client, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    confirmed = RegistrationFactory(event=event, email="vahvistettu@example.org", language="fi")
    waitlisted = RegistrationFactory(
        event=event, email="jonossa@example.org", language="sv", status=Status.WAITLISTED
    )
    RegistrationFactory(event=event, email="peruttu@example.org", status=Status.CANCELLED)
    url = reverse("admin:seminars_event_change", args=[event.pk])
    form = admin_form_data(admin_client.get(url), status=Event.Status.CANCELLED)

    refused = admin_client.post(url, form)  # no reason: nothing changes, nobody is mailed
    assert refused.status_code == 200 and "Kirjoita suomeksi, miksi tapahtuma perutaan" in refused.text
    event.refresh_from_db()
    assert event.status != Event.Status.CANCELLED

    reasons = {
        "cancellation_reason_fi": "Kouluttaja sairastui.",
        "cancellation_reason_sv": "Utbildaren insjuknade.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {**form, **reasons}, follow=True)
    assert "2 henkilölle" in response.text
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {confirmed.email, waitlisted.email}
    finnish, swedish = sent[confirmed.email], sent[waitlisted.email]
    assert finnish.subject.startswith("Tapahtuma peruttu") and "Kouluttaja sairastui." in finnish.body
    assert swedish.subject.startswith("Evenemanget inställt") and "Utbildaren insjuknade." in swedish.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {**form, **reasons})  # saved again: not mailed twice
    assert mail.outbox == []
    event.refresh_from_db()
    assert event.cancellation_mailed_at is not None


def test_a_walk_in_is_added_present_on_the_check_in_page(admin_client, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event)
    url = reverse("admin:seminars_event_check_in", args=[event.pk])
    page = admin_client.get(url).text
    assert "check-in.js" in page and 'name="walk_in"' in page

    refused = admin_client.post(url, {"walk_in": "1", "name": "Ovelta Tullut"})  # no consent
    assert refused.status_code == 200 and "Pakollinen" in refused.text
    assert not event.registrations.filter(name="Ovelta Tullut").exists()

    walk_in = {"walk_in": "1", "name": "Ovelta Tullut", "organisation": "Kunta A", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, walk_in)
    added = event.registrations.get(name="Ovelta Tullut")
    assert response.status_code == 302 and response["Location"].endswith(f"#registration-{added.pk}")
    assert added.status == Status.CONFIRMED and added.attended and added.email == "" and added.consent_at
    assert mail.outbox == []  # at the door: no confirmation mail

    again = admin_client.post(url, walk_in)  # a second tap: not a second person
    assert again.status_code == 200 and "Ovelta Tullut on jo listalla" in again.text
    assert "Läsnäoloa ei lisätty" in again.text.split('id="check-in-list"')[0]  # said at the top, on a phone
    assert event.registrations.filter(name="Ovelta Tullut").count() == 1

    # Capacity 2, both places taken: someone at the door is still in the room.
    full = admin_client.post(url, {**walk_in, "name": "Kolmas"}, follow=True)
    third = event.registrations.get(name="Kolmas")
    assert third.status == Status.CONFIRMED and third.attended
    assert "Kolmas lisättiin ja merkittiin paikalla olevaksi." in full.text


def test_check_in_search_survives_any_query(admin_client):
    event = EventFactory()
    registration = RegistrationFactory(event=event, name="Aino Ääkkönen")
    url = reverse("admin:seminars_event_check_in", args=[event.pk])
    response = admin_client.post(
        url, {"registration": registration.pk, "attended": "1", "q": "Ää&x=1#\r\nSet-Cookie: a"}
    )
    assert response.status_code == 302
    assert "\n" not in response["Location"] and "%26x%3D1%23" in response["Location"]
    assert registration.name in admin_client.get(url, {"q": "ääk"}).text


def test_the_event_page_leads_to_its_check_in(admin_client, client, django_user_model):
    event = EventFactory()
    check_in = reverse("admin:seminars_event_check_in", args=[event.pk])
    assert f'href="{check_in}"' in admin_client.get(reverse("admin:seminars_event_change", args=[event.pk])).text
    reporter = staff(django_user_model, event.project, Membership.Role.REPORTER)
    client.force_login(reporter)
    page = client.get(reverse("admin:seminars_event_change", args=[event.pk]))
    assert page.status_code == 200 and f'href="{check_in}"' not in page.text  # no registrants for reporters
