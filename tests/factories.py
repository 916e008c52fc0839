"""Factories for the tests: the smallest valid objects, with overridable fields."""

import datetime
from decimal import Decimal

import factory

from projects.models import (
    Contact,
    FundingShare,
    Organisation,
    Partnership,
    Project,
    Publication,
    PublicationState,
    Spearhead,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_fi = factory.Sequence(lambda n: f"Organisaatio {n}")
    kind = Organisation.Kind.UNIVERSITY


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    official_name_fi = factory.Sequence(lambda n: f"Testihanke {n}")
    name_fi = factory.SelfAttribute("official_name_fi")
    slug = factory.Sequence(lambda n: f"testihanke-{n}")
    region_fi = "Testimaakunta"
    state = PublicationState.PUBLISHED
    status = Project.Status.RUNNING
    planned_start = datetime.date(2018, 1, 1)
    planned_end = datetime.date(2021, 3, 31)
    total_budget = Decimal("100000")
    summary_fi = "Hankkeen tavoitteet lyhyesti."


class FundingShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingShare

    project = factory.SubFactory(ProjectFactory)
    source = FundingShare.Source.ESF
    percentage = Decimal(75)


class SpearheadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Spearhead

    project = factory.SubFactory(ProjectFactory)
    name_fi = factory.Sequence(lambda n: f"Kärki {n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Partnership.Role.JOINT_PARTNER


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Yhteyshenkilö {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    email = "yhteys@example.org"


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Julkaisu {n}")
    slug = factory.Sequence(lambda n: f"julkaisu-{n}")
    state = PublicationState.PUBLISHED
    kind = Publication.Kind.REPORT
    year = 2020


def project_with_everything(partners=1, publications=1, spearheads=1, contacts=1):
    """A published project with the given number of each related object."""
    project = ProjectFactory()
    FundingShareFactory(project=project, source=FundingShare.Source.ESF, percentage=Decimal(75))
    FundingShareFactory(project=project, source=FundingShare.Source.STATE, percentage=Decimal(25))
    SpearheadFactory.create_batch(spearheads, project=project)
    PartnershipFactory.create_batch(partners, project=project)
    PartnershipFactory(project=project, role=Partnership.Role.ADMINISTRATOR)
    PartnershipFactory(project=project, role=Partnership.Role.FUNDING_AUTHORITY)
    ContactFactory.create_batch(contacts, project=project)
    PublicationFactory.create_batch(publications, project=project)
    return project
