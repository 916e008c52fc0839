"""Every public page type in every language, in a real browser: no axe-core
violations (WCAG 2.1 A/AA), valid HTML (Nu Html Checker), and screenshots."""

import pytest

from .checks import (
    axe_violations,
    broken_across_lines,
    fetch,
    full_page_screenshot,
    horizontal_overflow,
    page_types,
    vnu_errors,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXTRA_PAGES = ["/{lang}/accounts/login/", "/{lang}/accounts/password/reset/"]
ERROR_PAGES = ["/{lang}/no-such-page/"]


def _pages(live_server):
    pages = {path for (_name, _language), path in page_types(live_server.url).items()}
    assert len(pages) >= 3 * 7, pages  # every page type of the sitemap, in three languages
    pages |= {extra.format(lang=lang) for extra in EXTRA_PAGES + ERROR_PAGES for lang in ("fi", "sv", "en")}
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


def _fits(page, live_server, paths, width):
    """Every path at ``width``: no sideways scrolling, and no amount, share, date or time
    broken across lines. Returns the failures and how many such elements were checked."""
    page.set_viewport_size({"width": width, "height": 900})
    failures, checked = {}, 0
    for path in paths:
        page.goto(live_server.url + path)
        overflow = horizontal_overflow(page)
        if overflow["overflow"] > 0:
            failures[path] = f"scrolls sideways by {overflow['overflow']} px: {overflow['culprits']}"
        count, broken = broken_across_lines(page)
        checked += count
        if broken:
            failures[f"{path} (broken)"] = broken
    return failures, checked


def test_every_page_type_fits_320_px_in_every_language(page, live_server, demo_data):
    """WCAG 1.4.10 reflow: the narrowest phone, every page type of the sitemap, fi/sv/en."""
    paths = [path for (_name, _language), path in sorted(page_types(live_server.url).items())]
    paths += [path.format(lang=lang) for path in ERROR_PAGES for lang in ("fi", "sv", "en")]
    failures, checked = _fits(page, live_server, paths, 320)
    assert not failures, failures
    assert checked > 100  # the money, shares and event times were there to check


def test_page_zoomed_to_200_percent_still_fits(page, live_server, demo_data):
    # 200 % zoom of a 1280 px window is the layout of a 640 px window.
    paths = [path for (_name, language), path in sorted(page_types(live_server.url).items()) if language == "fi"]
    failures, checked = _fits(page, live_server, paths, 640)
    assert not failures, failures
    assert checked


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_every_page_type(page, live_server, demo_data, artifacts, width):
    """For people to look at (test-artifacts/screenshots/); also no sideways scrolling."""
    page.set_viewport_size({"width": width, "height": 900})
    targets = {(name, language): path for (name, language), path in page_types(live_server.url).items()}
    targets |= {("error-404", lang): ERROR_PAGES[0].format(lang=lang) for lang in ("fi", "sv", "en")}
    for (name, language), path in sorted(targets.items()):
        page.goto(live_server.url + path)
        filename = f"{language}-{name.replace(':', '-')}-{width}.png"
        full_page_screenshot(page, str(artifacts / "screenshots" / filename))
        assert horizontal_overflow(page)["overflow"] <= 0, f"{path} scrolls sideways at {width} px"


def test_the_checkers_catch_problems(page):
    """The two checkers above are not vacuous: they find a missing alt text and invalid HTML."""
    page.set_content('<html lang="fi"><title>x</title><main><img src="x.png"><p>teksti</p></main></html>')
    assert any(v.startswith("image-alt") for v in axe_violations(page))
    errors = vnu_errors({"/broken/": "<!DOCTYPE html><html lang='fi'><title>x</title><p><div>x</div></p>"})
    assert errors and errors[0].startswith("/broken/")


def test_the_reflow_checks_catch_problems(page):
    """A page wider than the window, and an amount broken over two lines, are both found."""
    page.set_viewport_size({"width": 320, "height": 600})
    page.set_content(
        '<html lang="fi"><body style="margin:0"><div style="width:400px">leveä</div>'
        '<table style="width:60px"><tr><td class="num">425 034 €</td></tr></table>'
        '<p class="nowrap" style="width:10px;white-space:normal">75 %</p></body></html>'
    )
    assert horizontal_overflow(page)["overflow"] == 80
    checked, broken = broken_across_lines(page)
    assert checked == 2
    assert broken == ["425 034 €", "75 %"]
