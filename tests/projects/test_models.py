import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation
from PIL import Image

from projects.models import FundingShare, Project, Publication, PublicationState
from projects.validators import validate_business_id
from tests.factories import FundingShareFactory, ProjectFactory, PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("business_id", ["0245894-7", "0245895-5", "1567535-0"])
def test_valid_business_ids_pass(business_id):
    validate_business_id(business_id)


@pytest.mark.parametrize("business_id", ["0245894-6", "245894-7", "0245894 7", "abcdefg-h", "0189724-4"])
def test_invalid_business_ids_are_rejected_with_a_message(business_id):
    with pytest.raises(ValidationError) as error, translation.override("fi"):
        validate_business_id(business_id)
    assert error.value.messages[0]


def test_business_id_is_unique_but_may_be_left_empty(db):
    from tests.factories import OrganisationFactory

    OrganisationFactory(business_id="")
    OrganisationFactory(business_id="")
    OrganisationFactory(business_id="0245894-7")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(business_id="0245894-7")


def test_a_period_cannot_end_before_it_starts():
    project = ProjectFactory.build(planned_start=datetime.date(2021, 1, 1), planned_end=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "planned_end" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_actual_period_wins_over_the_planned_one_when_extended():
    project = ProjectFactory(
        planned_start=datetime.date(2018, 1, 1),
        planned_end=datetime.date(2020, 12, 31),
        actual_end=datetime.date(2021, 3, 31),
    )
    assert project.start == datetime.date(2018, 1, 1)
    assert project.end == datetime.date(2021, 3, 31)
    assert project.is_extended


def test_funding_amount_is_derived_from_the_budget():
    share = FundingShareFactory(project__total_budget=Decimal("566712"), percentage=Decimal(75))
    assert share.amount == Decimal(425034)
    share.project.total_budget = None
    assert share.amount is None


def test_a_share_is_more_than_zero_and_at_most_a_hundred_percent():
    project = ProjectFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingShare.objects.create(project=project, source=FundingShare.Source.ESF, percentage=Decimal(101))


def test_one_share_per_source():
    share = FundingShareFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingShareFactory(project=share.project, source=share.source)


def test_eu_share_and_funding_total_sum_the_shares():
    project = ProjectFactory()
    FundingShareFactory(project=project, source=FundingShare.Source.ESF, percentage=Decimal(75))
    FundingShareFactory(project=project, source=FundingShare.Source.STATE, percentage=Decimal(20))
    assert project.eu_share == Decimal(75)
    assert project.funding_total() == Decimal(95)


@pytest.mark.parametrize(
    ("period", "fund", "statement", "slogan"),
    [
        ("2014-2020", "esf", "Euroopan unioni – Euroopan sosiaalirahasto", "Vipuvoimaa EU:lta 2014–2020"),
        ("2021-2027", "esf_plus", "Euroopan unionin osarahoittama", ""),
    ],
)
def test_eu_statement_follows_the_programme_period(period, fund, statement, slogan):
    project = ProjectFactory.build(programme_period=period, fund=fund)
    with translation.override("fi"):
        assert str(project.eu_statement) == statement
        assert str(project.eu_slogan) == slogan


def test_eu_statement_in_swedish_and_english():
    project = ProjectFactory.build(programme_period="2021-2027")
    with translation.override("sv"):
        assert str(project.eu_statement) == "Medfinansieras av Europeiska unionen"
    with translation.override("en"):
        assert str(project.eu_statement) == "Co-funded by the European Union"


def test_translated_fields_fall_back_to_finnish():
    project = ProjectFactory(name_fi="Hanke", name_sv="Projekt", vision_fi="Visio")
    with translation.override("sv"):
        assert project.name == "Projekt"
        assert project.vision == "Visio"
    with translation.override("en"):
        assert project.name == "Hanke"


def test_drafts_are_not_published():
    published = ProjectFactory()
    ProjectFactory(state=PublicationState.DRAFT)
    assert list(Project.objects.published()) == [published]


def test_public_publications_need_a_published_project_too():
    visible = PublicationFactory()
    PublicationFactory(state=PublicationState.DRAFT)
    PublicationFactory(project__state=PublicationState.DRAFT)
    assert list(Publication.objects.public()) == [visible]


def _png(width=600, height=800):
    buffer = BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, format="PNG")
    return SimpleUploadedFile("kansi.png", buffer.getvalue(), content_type="image/png")


def test_a_cover_needs_alt_text():
    publication = PublicationFactory.build(cover=_png(), cover_alt="")
    publication.project.save()
    publication.project_id = publication.project.pk
    with pytest.raises(ValidationError) as error:
        publication.full_clean()
    assert "cover_alt" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        publication.save()


def test_saving_a_cover_makes_a_thumbnail():
    publication = PublicationFactory(cover=_png(), cover_alt="Sininen kansi")
    assert publication.thumbnail
    with Image.open(publication.thumbnail.path) as thumbnail:
        assert thumbnail.width <= 240
        assert thumbnail.height <= 340
    first_thumbnail = publication.thumbnail.name
    publication.save()
    assert publication.thumbnail.name == first_thumbnail


@pytest.mark.parametrize(
    ("period", "fund", "valid"),
    [
        ("2014-2020", "esf", True),
        ("2014-2020", "esf_plus", False),
        ("2021-2027", "esf_plus", True),
        ("2021-2027", "esf", False),
    ],
)
def test_the_fund_must_exist_in_the_programme_period(period, fund, valid):
    project = ProjectFactory.build(programme_period=period, fund=fund)
    if valid:
        project.full_clean(exclude=["slug"])
    else:
        with pytest.raises(ValidationError) as error:
            project.full_clean(exclude=["slug"])
        assert "fund" in error.value.message_dict
