"""axe-core and the Nu Html Checker, run on real pages."""

import json
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

from django.urls import Resolver404, resolve
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from .conftest import AXE, VNU

JAVA = shutil.which("java") or "java"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    found = []
    for violation in result["violations"]:
        targets = ", ".join(node["target"][0] for node in violation["nodes"][:3])
        found.append(f"{violation['id']}: {violation['help']} ({targets})")
    return found


def vnu_errors(pages):
    """Validate ``{url: html}`` in one Java run; returns ``["url: message", …]``."""
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for number, (url, html) in enumerate(pages.items()):
            path = Path(folder) / f"page{number}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = url
        result = subprocess.run(  # noqa: S603
            [
                JAVA,
                "-jar",
                str(VNU),
                "--errors-only",
                "--format",
                "json",
                *(str(Path(folder) / f) for f in files),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    found = []
    for message in messages:
        url = files.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
        found.append(f"{url}: {message['message']} ({message.get('extract', '')[:80]!r})")
    return found


def fetch(url):
    """The page's HTML, also when it is an error page (404, 500)."""
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def page_types(live_server_url):
    """One URL per page type and language, from the sitemap (every public page is in it)."""
    xml = ElementTree.fromstring(fetch(f"{live_server_url}/sitemap.xml"))  # noqa: S314 (our own sitemap)
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    chosen = {}
    for loc in xml.findall("s:url/s:loc", namespace):
        path = "/" + loc.text.split("://", 1)[1].split("/", 1)[1]
        language = path.split("/")[1]
        try:
            with translation.override(language):  # i18n_patterns resolve the active language only
                name = resolve(path).view_name
        except Resolver404:
            continue
        chosen.setdefault((name, language), path)
    return chosen


# Amounts, shares, dates and times: the elements that must stay on one line.
UNBREAKABLE = ".nowrap, .num, time"


def horizontal_overflow(page):
    """How far the page scrolls sideways (0 when it fits its window), and what sticks out."""
    return page.evaluate(
        """() => {
            const width = window.innerWidth;
            const overflow = document.documentElement.scrollWidth - width;
            const culprits = overflow <= 0 ? [] : [...document.querySelectorAll("body *")]
                .filter(element => element.getBoundingClientRect().right > width + 0.5)
                .slice(-3).map(element => element.outerHTML.slice(0, 80));
            return {overflow, culprits};
        }"""
    )


def broken_across_lines(page, selector=UNBREAKABLE):
    """``(checked, broken)``: how many matching elements there are, and the text of those
    whose text runs over more than one line."""
    return page.evaluate(
        """(selector) => {
            const elements = [...document.querySelectorAll(selector)]
                .filter(element => element.textContent.trim());
            const broken = elements.filter(element => {
                const range = document.createRange();
                range.selectNodeContents(element);
                const style = getComputedStyle(element);  // line-height "normal" is about 1.2 em
                const lineHeight = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
                return range.getBoundingClientRect().height > 1.5 * lineHeight;
            });
            return [elements.length, broken.map(element => element.textContent.trim())];
        }""",
        selector,
    )


def full_page_screenshot(page, path):
    """A screenshot of the whole page for people to look at. Headless Chromium now and then
    answers a capture of a tall page with "Unable to capture screenshot" when the machine
    is busy (seen once in CI, on a page it had drawn a moment before): one more try, then
    the error stands."""
    try:
        page.screenshot(path=path, full_page=True)
    except PlaywrightError as error:
        if "Unable to capture screenshot" not in str(error):
            raise
        page.wait_for_timeout(500)
        page.screenshot(path=path, full_page=True)
