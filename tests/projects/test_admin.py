"""The coordinators' admin: every model's pages, inlines and validation in Finnish."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from projects.models import FundingShare, Membership, Organisation, Project, Publication
from tests.admin_forms import admin_form_data
from tests.factories import OrganisationFactory, PublicationFactory, project_with_everything

pytestmark = pytest.mark.django_db
MODELS = [Organisation, Project, Publication, Membership]


@pytest.mark.parametrize("model", MODELS)
def test_admin_list_add_and_change_pages_open(admin_client, admin_user, model):
    project = project_with_everything()
    PublicationFactory()
    Membership.objects.create(user=admin_user, project=project, role=Membership.Role.REPORTER)
    obj = model.objects.first()
    opts = model._meta
    for name, args in [("changelist", []), ("add", []), ("change", [obj.pk])]:
        response = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args))
        assert response.status_code == 200, name


@pytest.mark.parametrize("model", MODELS)
def test_admin_search_and_filters_do_not_break(admin_client, model):
    project_with_everything()
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(url, {"q": "ä%_'\""}).status_code == 200


def test_inline_models_are_edited_on_the_project_page(admin_client):
    project = project_with_everything()
    html = admin_client.get(reverse("admin:projects_project_change", args=[project.pk])).text
    for prefix in ["funding_shares", "spearheads", "partnerships", "contacts", "publications"]:
        assert f'name="{prefix}-TOTAL_FORMS"' in html, prefix
    # The existing related rows are shown in their inlines.
    assert str(project.spearheads.first()) in html
    assert str(project.contacts.first()) in html
    assert str(project.publications.first()) in html


def test_funding_shares_must_total_a_hundred_percent(admin_client):
    project = project_with_everything()
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = admin_form_data(admin_client.get(url))
    esf = project.funding_shares.get(source=FundingShare.Source.ESF)
    index = [
        k
        for k, v in data.items()
        if k.endswith("-id") and k.startswith("funding_shares") and str(v) == str(esf.pk)
    ]
    data[index[0].replace("-id", "-percentage")] = "70"
    response = admin_client.post(url, data, headers={"accept-language": "fi"})
    assert response.status_code == 200
    assert "Rahoitusosuuksien summa on 95 %; summan on oltava 100 %." in response.text
    esf.refresh_from_db()
    assert esf.percentage == 75


def test_a_coordinator_can_create_a_whole_project_in_the_admin(admin_client, client):
    organisation = OrganisationFactory(name_fi="Lapin yliopisto")
    add_url = reverse("admin:projects_project_add")
    data = admin_form_data(admin_client.get(add_url))
    data |= {
        "official_name_fi": "Lapin sosiaalityön koulutus- ja kehittämishanke",
        "name_fi": "Lapin sosiaalityön koulutushanke",
        "slug": "lappi",
        "region_fi": "Lappi",
        "state": "published",
        "status": "running",
        "planned_start": "1.8.2025",
        "planned_end": "31.7.2028",
        "total_budget": "400000",
        "summary_fi": "Koulutetaan sosiaalityöntekijöitä Lappiin.",
        "vision_fi": "Sosiaalisesti kestävä Lappi",
        "fund": "esf_plus",
        "programme_period": "2021-2027",
        "funding_shares-TOTAL_FORMS": "2",
        "funding_shares-0-source": "esf_plus",
        "funding_shares-0-percentage": "60",
        "funding_shares-1-source": "state",
        "funding_shares-1-percentage": "40",
        "spearheads-TOTAL_FORMS": "1",
        "spearheads-0-order": "1",
        "spearheads-0-name_fi": "Digitaaliset palvelut",
        "partnerships-TOTAL_FORMS": "1",
        "partnerships-0-organisation": str(organisation.pk),
        "partnerships-0-role": "administrator",
        "partnerships-0-order": "1",
        "contacts-TOTAL_FORMS": "0",
        "publications-TOTAL_FORMS": "0",
    }
    response = admin_client.post(add_url, data, headers={"accept-language": "fi"})
    assert response.status_code == 302, response.context["errors"] if response.context else response
    project = Project.objects.get(slug="lappi")
    assert project.funding_shares.count() == 2
    page = client.get(project.get_absolute_url())
    assert page.status_code == 200
    for fact in [
        "Lapin sosiaalityön koulutushanke",
        "1.8.2025–31.7.2028",
        "400 000 €",
        "240 000 €",
        "60 %",
        "Lapin yliopisto",
        "Digitaaliset palvelut",
        "Euroopan unionin osarahoittama",
    ]:
        assert fact in strip_tags(page.text), fact  # dates are <time> elements


def test_admin_validation_messages_are_in_finnish(admin_client):
    response = admin_client.post(
        reverse("admin:projects_organisation_add"),
        {"name_fi": "Testi", "kind": "university", "business_id": "1234567-0"},
        headers={"accept-language": "fi"},
    )
    assert response.status_code == 200
    assert "Y-tunnuksen 1234567-0 tarkistusnumero on virheellinen." in response.text
    assert not Organisation.objects.exists()


def test_admin_shows_which_translations_are_missing(admin_client):
    from tests.factories import ProjectFactory

    complete = ProjectFactory(
        name_fi="Valmis",
        name_sv="Färdig",
        name_en="Done",
        region_sv="R",
        region_en="R",
        summary_sv="S",
        summary_en="S",
        official_name_sv="O",
        official_name_en="O",
    )
    swedish_missing = ProjectFactory(name_fi="Kesken", name_en="Unfinished")
    url = reverse("admin:projects_project_changelist")
    response = admin_client.get(url, {"missing_translation": "sv"})
    assert response.status_code == 200, response.get("Location")
    shown = {project.pk for project in response.context["cl"].result_list}
    assert swedish_missing.pk in shown
    assert complete.pk not in shown
    html = admin_client.get(url).text
    assert "sv: " in html
