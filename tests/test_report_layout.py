"""The PDF reports read back letter by letter (pdfplumber): no text printed over other text,
in any report kind, language or demo object (issue 13's first mechanical check)."""

import pytest

from projects.models import Project
from seminars.models import Event, Registration
from socoba_portal.reports import render_pdf, report_classes
from students.models import Cohort
from tests.reports import overprinted_text

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
