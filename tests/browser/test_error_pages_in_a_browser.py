"""The error pages as a visitor meets them: the portal's header and navigation, the
URL's language, a way home, and no accessibility faults; the 500 page with the
database down."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper

from .checks import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOT_FOUND = {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"}
UNAVAILABLE = {
    "fi": "Tilapäisesti poissa käytöstä",
    "sv": "Tillfälligt ur funktion",
    "en": "Temporarily unavailable",
}
PROJECT_LIST = {"fi": "/fi/hankkeet/", "sv": "/sv/projekt/", "en": "/en/projects/"}


def _looks_like_the_portal(page, language, heading):
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("header.site-header .site-name").is_visible()
    assert page.locator("nav.main-nav a").count() == 6
    assert page.locator("h1").inner_text() == heading
    home = page.locator(f'main a[href="/{language}/"]')
    assert home.count() == 1 and home.is_visible()
    assert not axe_violations(page)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_not_found_page(page, live_server, language):
    response = page.goto(f"{live_server.url}/{language}/no-such-page/")
    assert response.status == 404
    _looks_like_the_portal(page, language, NOT_FOUND[language])
    page.locator(f'main a[href="/{language}/"]').click()
    assert page.url == f"{live_server.url}/{language}/"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_page_with_the_database_down_says_try_again(page, live_server, language):
    """The database down while a page is made: 503 in the portal's layout, no database needed
    (the 500 page's own no-database rendering is tested in tests/test_site_layout.py)."""
    with mock.patch.object(CursorWrapper, "execute", side_effect=OperationalError("database is down")):
        response = page.goto(live_server.url + PROJECT_LIST[language])
        assert response.status == 503
        _looks_like_the_portal(page, language, UNAVAILABLE[language])
