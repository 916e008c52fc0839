from decimal import Decimal

import pytest
from django.core.management import call_command

from projects.models import Contact, FundingShare, Organisation, Partnership, Project, Publication, Spearhead

pytestmark = pytest.mark.django_db
MODELS = [Organisation, Project, FundingShare, Spearhead, Partnership, Contact, Publication]


def _load():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _snapshot():
    return {
        model.__name__: sorted(
            tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
        )
        for model in MODELS
    }


def test_demo_loader_is_idempotent():
    _load()
    first = _snapshot()
    _load()
    assert _snapshot() == first


def test_demo_carries_the_kainuu_facts():
    _load()
    kainuu = Project.objects.get(slug="kainuu")
    assert kainuu.acronym == "KASKK"
    assert str(kainuu.planned_start) == "2018-01-01"
    assert str(kainuu.planned_end) == "2021-03-31"
    assert kainuu.total_budget == Decimal(566712)
    assert kainuu.funding_shares.get(source=FundingShare.Source.ESF).percentage == 75
    assert kainuu.funding_total() == 100
    assert kainuu.intake_target == 20
    assert kainuu.vision_fi == "Sosiaalisesti kestävä Kainuu"
    assert [s.name_fi for s in kainuu.spearheads.all()] == [
        "Kansalaislähtöinen sosiaalihuolto",
        "Sähköinen asiointi",
    ]
    assert kainuu.administrators[0].organisation.name_fi == "Itä-Suomen yliopisto"
    partners = {p.organisation.short_name for p in kainuu.partnerships.all()}
    assert {"UEF", "Kainuun sote", "AIKOPA"} <= partners
    titles = set(kainuu.publications.values_list("title", flat=True))
    assert "Sosiaalisesti kestävä Kainuu" in titles
    assert any(t.startswith("Osallistuva ja vaikuttava kansalainen") for t in titles)
    for publication in kainuu.publications.all():
        assert publication.file and publication.cover and publication.thumbnail and publication.cover_alt
        assert publication.file.read(5) == b"%PDF-"
        assert publication.is_demo


def test_demo_carries_the_kymenlaakso_facts():
    _load()
    kymenlaakso = Project.objects.get(slug="kymenlaakso")
    assert str(kymenlaakso.planned_start) == "2018-03-01"
    assert str(kymenlaakso.planned_end) == "2020-12-31"
    assert kymenlaakso.project_code == "S21218"
    assert kymenlaakso.priority_axis == "4"
    assert kymenlaakso.specific_objective == "9.2"
    assert kymenlaakso.status == Project.Status.ENDED
    assert kymenlaakso.intake_target == 25
    assert kymenlaakso.teaching_location_fi == "Kouvola"
    roles = {(p.organisation.name_fi, p.role) for p in kymenlaakso.partnerships.all()}
    assert ("Itä-Suomen yliopisto", Partnership.Role.LEAD_IMPLEMENTER) in roles
    assert ("Itä-Suomen yliopisto", Partnership.Role.ADMINISTRATOR) in roles
    assert ("Kymenlaakson kesäyliopisto", Partnership.Role.CO_IMPLEMENTER) in roles
    assert ("Hämeen ELY-keskus", Partnership.Role.FUNDING_AUTHORITY) in roles
    contact = kymenlaakso.contacts.get()
    assert contact.name == "Jaana Lauhkonen-Teräväinen"
    assert contact.title_fi == "koulutuskoordinaattori"
    assert kymenlaakso.publications.filter(title="Sosiaalisesti kestävää Kymenlaaksoa tekemässä").exists()


def test_demo_invents_no_people():
    _load()
    # The only person in the demo is the contact the seed page itself publishes.
    assert list(Contact.objects.values_list("name", flat=True)) == ["Jaana Lauhkonen-Teräväinen"]
    assert not Publication.objects.exclude(authors="").exists()
    assert not Publication.objects.exclude(editors="").exists()
