"""The PDF reports read back letter by letter (pdfplumber): no text printed over other text,
in any report kind, language or demo object (issue 13's first mechanical check)."""

import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import translation

from projects.models import Project
from seminars.models import Event, Registration
from socoba_portal.reports.rendering import render_pdf, report_classes
from students.models import Cohort
from tests.reports import overprinted_text, pdf_pages, pdf_text, text_beyond_the_margins
from tests.students.factories import large_cohort

LANGUAGES = ["fi", "sv", "en"]
PAGE_NUMBER = re.compile(r"\d+\s*/\s*\d+$")


def _demo_objects(kind):
    return {
        "project": lambda: Project.objects.order_by("pk"),
        "cohort": lambda: Cohort.objects.order_by("pk"),
        "seminar": lambda: Event.objects.filter(registrations__isnull=False).distinct().order_by("pk"),
        "certificate": lambda: Registration.objects.filter(attended=True).order_by("pk")[:2],
    }[kind]()


def _lines(page_text):
    return [" ".join(line.split()) for line in page_text.splitlines() if line.strip()]


def _content_lines(pages):
    """Each page's lines without the running header and footer: the lines every page after
    the title page repeats, and the page number line ("… 2 / 5")."""
    pages = [_lines(page) for page in pages]
    running = set.intersection(*(set(page) for page in pages[1:])) if len(pages) > 2 else set()
    return [[line for line in page if line not in running and not PAGE_NUMBER.search(line)] for page in pages]


def _lone_pages(pages, block_texts):
    """The numbers of the pages that hold nothing but a block (``block_texts``: the EU
    block's lines) or nothing at all, besides the running header and footer."""
    return [
        number
        for number, lines in enumerate(_content_lines(pages), start=1)
        if not [line for line in lines if not any(text in line for text in block_texts)]
    ]


def _assert_lays_out_cleanly(report):
    """No text printed over text or into the margins; the EU emblem's statement and slogan together on the first
    page (EU-funded projects); no page that holds only the EU block or nothing but its
    running header and footer."""
    pdf = report.render()
    where = (report.kind, str(report.object), report.language)
    assert overprinted_text(pdf) == [], (*where, overprinted_text(pdf))
    assert text_beyond_the_margins(pdf) == [], (*where, text_beyond_the_margins(pdf))
    pages = pdf_pages(pdf)
    project = report.project()
    eu_texts = []
    if project.is_eu_funded:
        with translation.override(report.language):
            eu_texts = [" ".join(str(text).split()) for text in (project.eu_statement, project.eu_slogan) if text]
        first = " ".join(_lines(pages[0]))
        assert all(text in first for text in eu_texts), (*where, eu_texts)
    assert _lone_pages(pages, eu_texts) == [], where
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["project", "cohort", "seminar", "certificate"])
def test_every_report_lays_out_cleanly(demo_data, kind, language):
    """Every demo object of every kind, in every language."""
    objects = list(_demo_objects(kind))
    assert objects, kind
    for obj in objects:
        _assert_lays_out_cleanly(report_classes()[kind].for_system(obj.pk, language=language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_cohort_report_of_a_thousand_students_lays_out_cleanly(demo_data, language):
    """The large case: 1,000 students with long hyphenated names and thesis titles that wrap,
    in an EU-funded project, every student on the pages once."""
    cohort = large_cohort(1000, project=Project.objects.get(slug="kainuu"))
    pages = _assert_lays_out_cleanly(report_classes()["cohort"].for_system(cohort.pk, language=language))
    text = " ".join(" ".join(page.split()) for page in pages)
    assert all(f" {number} (demo)" in text for number in range(1000))
    assert len(pages) > 40


@pytest.mark.parametrize("kind", ["seminar", "certificate"])
def test_hostile_text_stays_on_the_page(db, kind):
    """Unbroken words as long as the fields allow, in the event's title and venue and in a
    registrant's name and organisation: broken where they must, never off the page."""
    import datetime

    from django.utils import timezone

    from tests.seminars.factories import EventFactory, RegistrationFactory

    event = EventFactory(
        title_fi="Seminaari" + "x" * 240,
        venue_fi="Auditorio" + "y" * 180,
        address="Ketunpolku" + "1" * 180,
        start=timezone.now() - datetime.timedelta(days=2),
        end=timezone.now() - datetime.timedelta(days=1),
    )
    registration = RegistrationFactory(
        event=event, name="Osallistuja" + "n" * 139, organisation="O" * 200, attended=True
    )
    value = event.pk if kind == "seminar" else registration.pk
    pages = _assert_lays_out_cleanly(report_classes()[kind].for_system(value, language="fi"))
    assert "nnnnnnnn" in " ".join(pages)


def test_the_check_finds_text_printed_over_text():
    html = (
        '<html lang="fi"><body><p style="position: relative">'
        '<span style="position: absolute; left: 0">Opiskelijanumero</span>'
        '<span style="position: absolute; left: 40pt">Opintopisteet</span></p>'
        "<p>Tulostettu 4.12.2026: Tuloksia ei ole.</p></body></html>"
    )
    found = overprinted_text(render_pdf(html))
    assert len(found) == 1
    assert "Opintopisteet"[0] in found[0][1] and found[0][0] == 1


def test_the_check_finds_text_running_into_the_margin():
    html = (
        '<html lang="fi"><body><table style="width: 100%; table-layout: fixed"><tr>'
        '<td style="width: 85%">Opiskelija</td>'
        '<td style="overflow-wrap: normal">Kokemusasiantuntijuus</td></tr></table>'
        "<p>Kokemusasiantuntijuus mahtuu tälle riville.</p></body></html>"
    )
    found = text_beyond_the_margins(render_pdf(html))
    assert len(found) == 1
    assert found[0][0] == 1 and "Kokemusasiantuntijuus" in found[0][1]


class _WebOnlyText(HTMLParser):
    """The text inside elements marked ``class="web-only"`` on a web page."""

    def __init__(self):
        super().__init__()
        self.depth, self.texts = 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth or "web-only" in (dict(attrs).get("class") or "").split():
            self.depth += 1
            if self.depth == 1:
                self.texts.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.texts[-1] += data


def _words(text):
    return " ".join(text.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_project_report_leaves_out_what_only_the_web_page_offers(client, demo_data, language):
    """The report and the page share their templates; what is marked web-only on the page
    (the calendar to subscribe to, the topic bank, the cohort's own page) is not printed."""
    report_class = report_classes()["project"]
    for project in Project.objects.published():
        with translation.override(language):
            page = client.get(project.get_absolute_url()).text
        parser = _WebOnlyText()
        parser.feed(page)
        web_only = [_words(text) for text in parser.texts if text.strip()]
        assert web_only, project.slug  # every page offers its calendar at least
        printed = _words(pdf_text(report_class.for_system(project.pk, language=language).render()))
        for text in web_only:
            assert text not in printed, (project.slug, language, text)


def test_the_check_finds_a_page_that_holds_only_the_eu_block():
    running = "<p>Kainuun hanke</p><p>Sivu {n} / 3</p>"
    html = (
        "<html lang='fi'><body>"
        + "<section style='break-after: page'><h1>Raportti</h1>"
        + running.format(n=1)
        + "</section>"
        + "<section style='break-after: page'><p>Sisältöä.</p>"
        + running.format(n=2)
        + "</section>"
        + "<section><p>Euroopan unioni – Euroopan sosiaalirahasto</p>"
        + running.format(n=3)
        + "</section>"
        + "</body></html>"
    )
    pages = pdf_pages(render_pdf(html))
    assert len(pages) == 3
    assert _lone_pages(pages, ["Euroopan unioni – Euroopan sosiaalirahasto"]) == [3]


ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "reports"


@pytest.mark.parametrize("kind", ["project", "cohort", "seminar", "certificate"])
def test_the_first_two_pages_of_each_report_as_pictures(demo_data, kind):
    """For people to look at: test-artifacts/reports/<kind>-<language>-<page>.png (pdftoppm,
    from poppler-utils, which CI installs)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    obj = _demo_objects(kind)[0]
    for language in LANGUAGES:
        pdf = ARTIFACTS / f"{kind}-{language}.pdf"
        pdf.write_bytes(report_classes()[kind].for_system(obj.pk, language=language).render())
        subprocess.run(  # noqa: S603
            [pdftoppm, "-r", "60", "-png", "-f", "1", "-l", "2", str(pdf), str(ARTIFACTS / f"{kind}-{language}")],
            check=True,
        )
        pictures = sorted(ARTIFACTS.glob(f"{kind}-{language}-*.png"))
        assert 1 <= len(pictures) <= 2 and all(picture.stat().st_size > 1000 for picture in pictures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_project_report_and_page_name_the_same_partners(client, demo_data, language):
    """Both list ``project.partners`` (every organisation once, the funding authority too)."""
    report_class = report_classes()["project"]
    for project in Project.objects.published().with_public_relations():
        with translation.override(language):
            page = _words(re.sub(r"<[^>]+>", " ", client.get(project.get_absolute_url()).text))
            names = [_words(str(partner.organisation.name)) for partner in project.partners]
        printed = _words(pdf_text(report_class.for_system(project.pk, language=language).render()))
        assert names, project.slug
        for name in names:
            assert html.escape(name, quote=False) in page or name in page, (project.slug, language, name)
            assert name in printed, (project.slug, language, name)


def test_reports_link_to_the_portal_and_fetch_nothing_but_its_static_files(demo_data, settings):
    """Links in a report lead to the portal (they led to file:///fi/tapahtumat/…); the emblem
    comes from the portal's static files, and nothing else is ever fetched."""
    import io

    from pypdf import PdfReader

    from socoba_portal.reports.rendering import _site_static_url, _weasyprint

    pdf = report_classes()["project"].for_system("kainuu", language="fi").render()
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert links and all(link.startswith(f"{settings.SITE_URL}/fi/") for link in links), links

    _weasyprint_module, fetch, _shared = _weasyprint()
    assert fetch(f"{_site_static_url()}img/eu-flag.svg").headers["Content-Type"] == "image/svg+xml"
    for url in [
        "file:///etc/passwd",
        "http://203.0.113.9/leak.png",
        f"{_site_static_url()}../socoba_portal/settings/base.py",
        f"{_site_static_url()}%2e%2e/manage.py",
    ]:
        with pytest.raises(ValueError):
            fetch(url)
