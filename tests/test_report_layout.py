"""The PDF reports read back letter by letter (pdfplumber): no text printed over other text,
in any report kind, language or demo object (issue 13's first mechanical check)."""

from html.parser import HTMLParser

import pytest
from django.utils import translation

from projects.models import Project
from seminars.models import Event, Registration
from socoba_portal.reports import render_pdf, report_classes
from students.models import Cohort
from tests.reports import overprinted_text, pdf_text

LANGUAGES = ["fi", "sv", "en"]


def _demo_objects(kind):
    return {
        "project": lambda: Project.objects.order_by("pk"),
        "cohort": lambda: Cohort.objects.order_by("pk"),
        "seminar": lambda: Event.objects.filter(registrations__isnull=False).distinct().order_by("pk"),
        "certificate": lambda: Registration.objects.filter(attended=True).order_by("pk")[:2],
    }[kind]()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["project", "cohort", "seminar", "certificate"])
def test_no_report_prints_text_over_text(demo_data, kind, language):
    report_class = report_classes()[kind]
    objects = list(_demo_objects(kind))
    assert objects, kind
    for obj in objects:
        overprints = overprinted_text(report_class(obj, language=language).render())
        assert overprints == [], (kind, str(obj), language, overprints)


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
        printed = _words(pdf_text(report_class(project, language=language).render()))
        for text in web_only:
            assert text not in printed, (project.slug, language, text)
