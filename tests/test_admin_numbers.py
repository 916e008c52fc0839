"""Numbers in the admin's forms in the user's language's form, and read back as typed."""

import decimal

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import Project
from socoba_portal.admin_numbers import LocalizedDecimalField
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "shown"), [("fi", "566 712,00"), ("sv", "566 712,00"), ("en", "566,712.00")])
def test_the_project_form_shows_the_budget_in_the_users_language(admin_client, demo_data, language, shown):
    kainuu = Project.objects.get(slug="kainuu")
    html = admin_client.get(
        reverse("admin:projects_project_change", args=[kainuu.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).text
    field = html[html.index('name="total_budget"') - 200 : html.index('name="total_budget"') + 200]
    assert 'inputmode="decimal"' in field
    assert f'value="{shown}"' in field
    assert "566712.00" not in field


@pytest.mark.parametrize(
    ("language", "typed", "value"),
    [
        ("fi", "566 712,00", "566712.00"),
        ("fi", "566\u00a0712,5", "566712.5"),
        ("fi", "566712.00", "566712.00"),
        ("sv", "75,5", "75.5"),
        ("en", "566,712.00", "566712.00"),
        ("en", "75.5", "75.5"),
    ],
)
def test_typed_numbers_are_read_in_the_users_language(language, typed, value):
    with translation.override(language):
        assert LocalizedDecimalField(max_digits=12, decimal_places=2).clean(typed) == decimal.Decimal(value)


def test_a_saved_budget_survives_the_round_trip(admin_client, demo_data):
    kainuu = Project.objects.get(slug="kainuu")
    url = reverse("admin:projects_project_change", args=[kainuu.pk])
    form = admin_form_data(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="fi"))
    response = admin_client.post(url, {**form, "total_budget": "600 000,50"}, HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    kainuu.refresh_from_db()
    assert kainuu.total_budget == decimal.Decimal("600000.50")
