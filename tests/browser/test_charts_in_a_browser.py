"""The project page's charts in a real browser: found by their accessible names next to
their table or list alternatives in fi/sv/en, no axe violations, and the page fits 320 px.
Screenshots for people to look at: test-artifacts/screenshots/charts-*.png."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from .checks import axe_violations, fetch, full_page_screenshot, horizontal_overflow, vnu_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The start of each chart's accessible name, and the name of its text alternative.
NAMES = {
    "fi": {
        "funding": "Rahoitusosuudet: Euroopan sosiaalirahasto (ESR) 75 %",
        "funding_table": "Rahoitus",
        "progress": "Opintojen eteneminen: ",
        "ecosystem": "SOCOBA-ekosysteemissä",
    },
    "sv": {
        "funding": "Finansieringsandelar: ",
        "funding_table": None,
        "progress": None,
        "ecosystem": "i SOCOBA-ekosystemet",
    },
    "en": {
        "funding": "Funding shares: European Social Fund (ESF) 75%",
        "funding_table": "Funding",
        "progress": "Study progress: ",
        "ecosystem": "in the SOCOBA ecosystem",
    },
}


def project_url(live_server, slug, language):
    with translation.override(language):
        return live_server.url + reverse("projects:detail", kwargs={"slug": slug})


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_charts_are_named_and_have_their_text_alternatives(page, live_server, demo_data, language):
    names = NAMES[language]
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(project_url(live_server, "kainuu", language))
    funding = page.get_by_role("img", name=re.compile("^" + re.escape(names["funding"])))
    assert funding.count() == 1
    assert re.search(r"\d", funding.get_attribute("aria-labelledby") or "") is not None
    assert page.locator("table.funding").count() == 1
    if names["funding_table"]:
        assert page.get_by_role("table", name=names["funding_table"], exact=True).count() == 1
    ecosystem = page.get_by_role("img", name=re.compile(re.escape(names["ecosystem"])))
    assert ecosystem.count() == 1
    # The partner list describes the diagram.
    assert ecosystem.get_attribute("aria-describedby") == "partners-list"
    assert page.locator("#partners-list li").count() >= 3
    progress = page.locator(".progress-chart svg[role=img]")
    assert progress.count() == 1
    if names["progress"]:
        assert page.get_by_role("img", name=re.compile("^" + re.escape(names["progress"]))).count() == 1
    assert page.locator("table.progress-table").count() == 1
    # Each chart fits the narrowest phone, and so does the page.
    for chart in (funding, ecosystem, progress):
        assert chart.bounding_box()["width"] <= 320
    assert horizontal_overflow(page)["overflow"] <= 0
    assert not axe_violations(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_the_project_charts(page, live_server, demo_data, artifacts, width):
    page.set_viewport_size({"width": width, "height": 900})
    for slug in ("kainuu", "kymenlaakso"):
        for language in ("fi", "sv", "en"):
            page.goto(project_url(live_server, slug, language))
            filename = f"charts-{slug}-{language}-{width}.png"
            full_page_screenshot(page, str(artifacts / "screenshots" / filename))
            assert horizontal_overflow(page)["overflow"] <= 0, f"{slug} {language} scrolls sideways at {width} px"


def test_project_pages_with_charts_are_valid_html(browser, live_server, demo_data):
    pages = {
        url: fetch(url)
        for url in (
            project_url(live_server, slug, language)
            for slug in ("kainuu", "kymenlaakso", "esimerkkila-demo")
            for language in ("fi", "sv", "en")
        )
    }
    assert all('role="img"' in text for text in pages.values())
    errors = vnu_errors(pages)
    assert not errors, errors


def test_no_axe_violations_on_the_other_project_pages(page, live_server, demo_data):
    for slug in ("kymenlaakso", "esimerkkila-demo"):
        page.goto(project_url(live_server, slug, "en"))
        assert not axe_violations(page), slug
