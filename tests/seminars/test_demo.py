import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from seminars.models import Event, Material, ProgrammeItem, Registration

pytestmark = pytest.mark.django_db
MODELS = [Event, ProgrammeItem, Material, Registration]


def _load():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _snapshot():
    return {
        model.__name__: sorted(
            tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
        )
        for model in MODELS
    }


def test_demo_loader_is_idempotent_and_keeps_the_upcoming_events_in_place(time_machine):
    _load()
    first = _snapshot()
    time_machine.move_to(timezone.now() + datetime.timedelta(days=3))
    _load()
    assert _snapshot() == first


def test_demo_has_the_six_kainuu_seminars():
    _load()
    seminars = Event.objects.filter(project__slug="kainuu", series_name_fi="SOCOBA-seminaari").order_by("start")
    assert [e.series_label for e in seminars] == [f"SOCOBA-seminaari {n}/6" for n in range(1, 7)]
    assert {e.start.year for e in seminars} <= {2018, 2019, 2020, 2021}
    assert all(e.is_past() and e.is_demo for e in seminars)
    for seminar in seminars:
        assert seminar.programme_items.exists()
        assert seminar.materials.filter(is_demo=True).count() == 2
        assert seminar.materials.first().file.read(5) == b"%PDF-"
        assert seminar.registrations.filter(attended=True).exists()
    titles = " ".join(i.title for e in seminars for i in e.programme_items.all())
    assert "Kansalaislähtöinen sosiaalihuolto" in titles
    assert "Sähköinen asiointi" in titles


def test_demo_has_kymenlaakso_workshops_network_meetings_and_seminars():
    _load()
    events = Event.objects.filter(project__slug="kymenlaakso", start__year__lte=2020)
    assert {Event.Kind.WORKSHOP, Event.Kind.NETWORK_MEETING, Event.Kind.SEMINAR} <= set(
        events.values_list("kind", flat=True)
    )
    assert events.filter(address__contains="Kouvola").exists()


def test_demo_has_an_upcoming_event_with_open_registration_and_only_fictional_people():
    _load()
    upcoming = [e for e in Event.objects.public().upcoming() if e.registration_is_open()]
    assert upcoming
    assert all(e.is_demo for e in upcoming)
    for registration in Registration.objects.all():
        assert "(demo)" in registration.name
        assert registration.email.endswith("@example.invalid")
        assert registration.is_demo
