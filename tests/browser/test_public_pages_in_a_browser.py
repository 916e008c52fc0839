"""Every public page type in every language, in a real browser: no axe-core
violations (WCAG 2.1 A/AA), valid HTML (Nu Html Checker), and screenshots."""

import pytest

from .checks import axe_violations, fetch, page_types, vnu_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXTRA_PAGES = ["/{lang}/accounts/login/", "/{lang}/accounts/password/reset/"]


def _pages(live_server):
    pages = {path for (_name, _language), path in page_types(live_server.url).items()}
    assert len(pages) >= 3 * 7, pages  # every page type of the sitemap, in three languages
    pages |= {extra.format(lang=lang) for extra in EXTRA_PAGES for lang in ("fi", "sv", "en")}
    return sorted(pages)


def test_no_axe_violations_on_any_public_page(page, live_server, demo_data):
    failures = {}
    for path in _pages(live_server):
        page.goto(live_server.url + path)
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    assert not failures, failures


def test_every_public_page_is_valid_html(browser, live_server, demo_data):
    pages = {path: fetch(live_server.url + path) for path in _pages(live_server)}
    errors = vnu_errors(pages)
    assert not errors, errors


@pytest.mark.parametrize("width", [320, 768, 1280])
def test_screenshots_and_no_horizontal_scrolling(page, live_server, demo_data, artifacts, width):
    page.set_viewport_size({"width": width, "height": 900})
    targets = {"home": "/fi/", "project": "/fi/hankkeet/kainuu/"}
    targets |= {
        name.replace(":", "-"): path
        for (name, language), path in page_types(live_server.url).items()
        if language == "fi" and name in {"seminars:detail", "students:cohort"}
    }
    for name, path in targets.items():
        page.goto(live_server.url + path)
        page.screenshot(path=str(artifacts / "screenshots" / f"{name}-{width}.png"), full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} scrolls sideways at {width} px ({scroll_width} px)"


def test_page_zoomed_to_200_percent_still_fits(page, live_server, demo_data):
    # 200 % zoom of a 1280 px window is the layout of a 640 px window.
    page.set_viewport_size({"width": 640, "height": 900})
    page.goto(live_server.url + "/fi/hankkeet/kainuu/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 640


def test_the_checkers_catch_problems(page):
    """The two checkers above are not vacuous: they find a missing alt text and invalid HTML."""
    page.set_content('<html lang="fi"><title>x</title><main><img src="x.png"><p>teksti</p></main></html>')
    assert any(v.startswith("image-alt") for v in axe_violations(page))
    errors = vnu_errors({"/broken/": "<!DOCTYPE html><html lang='fi'><title>x</title><p><div>x</div></p>"})
    assert errors and errors[0].startswith("/broken/")
