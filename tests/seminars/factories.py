"""Factories for the seminars tests."""

import datetime

import factory
from django.utils import timezone

from seminars.models import Event, Material, ProgrammeItem, Registration
from tests.factories import ProjectFactory


def in_days(days, hour=9):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    project = factory.SubFactory(ProjectFactory)
    kind = Event.Kind.SEMINAR
    title_fi = factory.Sequence(lambda n: f"Seminaari {n}")
    slug = factory.Sequence(lambda n: f"seminaari-{n}")
    description_fi = "Seminaarin kuvaus."
    start = factory.LazyFunction(lambda: in_days(30, 9))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=6))
    venue_fi = "Sali 1"
    address = "Torikatu 10, 45100 Kouvola"
    capacity = 10
    status = Event.Status.PUBLISHED


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    event = factory.SubFactory(EventFactory)
    start_time = datetime.time(9)
    title_fi = factory.Sequence(lambda n: f"Ohjelmanumero {n}")
    speakers = "Puhuja (testi), Organisaatio"


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    event = factory.SubFactory(EventFactory)
    title_fi = factory.Sequence(lambda n: f"Materiaali {n}")
    url = "https://example.org/materiaali.pdf"
    visibility = Material.Visibility.WITH_EVENT


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Rekisteröityjä{n} Sukunimi{n}")
    email = factory.Sequence(lambda n: f"registrant{n}@example.org")
    organisation = "Testikunta"
    status = Registration.Status.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)


def event_with_everything(programme=1, materials=1, registrations=1, **kwargs):
    event = EventFactory(**kwargs)
    ProgrammeItemFactory.create_batch(programme, event=event)
    MaterialFactory.create_batch(materials, event=event)
    RegistrationFactory.create_batch(registrations, event=event)
    return event
