"""The project page's charts: funding shares, the cohort's progress and the SOCOBA
ecosystem, as accessible inline SVG drawn by ``socoba_portal.charts``."""

import html
import itertools
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import FundingShare, Partnership, Project
from socoba_portal import charts
from students.models import Cohort
from tests.factories import FundingShareFactory, PartnershipFactory, ProjectFactory

DEMO_PROJECTS = ["kainuu", "kymenlaakso", "esimerkkila-demo"]


def page(client, slug, language="fi"):
    with translation.override(language):
        path = reverse("projects:detail", kwargs={"slug": slug})
    response = client.get(path)
    assert response.status_code == 200
    return response.text


def svg(text, figure_class, title_prefix):
    """The SVG in a ``<figure class=…>`` whose accessible name starts with ``title_prefix``."""
    for match in re.finditer(rf'<figure class="{figure_class}">(.*?)</figure>', text, re.S):
        if re.search(rf"<title[^>]*>{re.escape(title_prefix)}", match.group(1)):
            return match.group(1)
    return None


def title(svg_text):
    return html.unescape(re.search(r"<title[^>]*>(.*?)</title>", svg_text, re.S).group(1))


def texts(svg_text):
    """The text drawn in the SVG, its wrapped lines joined by spaces."""
    return " ".join(html.unescape(t) for t in re.findall(r"<(?:text|tspan)[^>]*>([^<]+)<", svg_text))


# The geometry, without a page.


def test_long_names_wrap_within_the_line_length_and_keep_every_word():
    name = "Kainuun sosiaali- ja terveydenhuollon kuntayhtymä, perhe- ja sosiaalipalvelujen tulosalue"
    lines = charts.wrap(name, 38)
    assert len(lines) > 1
    assert all(len(line) <= 38 for line in lines)
    assert " ".join(lines) == name


def test_shares_fill_the_bar_in_proportion_and_name_their_percentages_in_finnish():
    with translation.override("fi"):
        chart = charts.shares_chart([("ESR", Decimal(75)), ("muu rahoitus", Decimal("24.5"))])
    first, second = chart.segments
    assert (first.x, first.width) == (0, charts.WIDTH * 0.75)
    assert second.x == first.width
    assert chart.summary == "ESR 75 %, muu rahoitus 24,5 %"
    assert first.colour != second.colour
    # The percentage stays on one line with its sign in the legend.
    assert second.legend_lines == ["muu rahoitus: 24,5\u00a0%"]


def test_shares_under_100_percent_leave_the_rest_of_the_bar_empty():
    chart = charts.shares_chart([("ESR", Decimal(50))])
    assert chart.segments[0].width == charts.WIDTH / 2


def _luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", charts.PALETTE)
def test_every_chart_colour_stands_out_from_the_page_and_carries_white_text(colour):
    contrast = (1 + 0.05) / (_luminance(colour) + 0.05)
    assert contrast >= 4.5  # ≥ 3:1 against the white page (1.4.11), white text on it ≥ 4.5:1


def test_the_ecosystem_groups_stack_without_overlapping():
    diagram = charts.ecosystem("Hanke", [("Hallinnoija", ["A" * 80]), ("Rahoittaja", ["B", "C"])])
    boxes = [diagram.centre] + [box for group in diagram.groups for box in group.boxes]
    for upper, lower in itertools.pairwise(boxes):
        assert upper.y + upper.height < lower.y
    assert all(box.x + box.width <= diagram.width for box in boxes)
    assert diagram.height > boxes[-1].y + boxes[-1].height


# On the project pages.

pytestmark_db = pytest.mark.django_db


@pytestmark_db
@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("fi", "Rahoitusosuudet: Euroopan sosiaalirahasto (ESR) 75 %, "),
        ("en", "Funding shares: European Social Fund (ESF) 75%, "),
    ],
)
def test_the_funding_chart_is_named_by_its_shares_in_the_page_language(client, demo_data, language, name):
    chart = svg(page(client, "kainuu", language), "chart", name.split(":")[0])
    assert chart is not None
    assert title(chart).startswith(name)
    assert 'role="img"' in chart
    assert 'aria-labelledby="funding-chart-' in chart


@pytestmark_db
@pytest.mark.parametrize("slug", DEMO_PROJECTS)
def test_each_demo_project_page_has_its_charts(client, demo_data, slug):
    project = Project.objects.with_public_relations().get(slug=slug)
    text = page(client, slug, "fi")
    funding = svg(text, "chart", "Rahoitusosuudet")
    has_shares = project.funding_shares.exists()
    assert (funding is not None) == has_shares
    if has_shares:
        assert '<table class="funding">' in text  # the table alternative stays
    ecosystem = svg(text, "chart", project.name)
    assert ecosystem is not None
    assert 'aria-describedby="partners-list"' in ecosystem
    assert 'id="partners-list"' in text
    drawn = texts(ecosystem)
    for partner in project.partners:
        assert partner.organisation.name in drawn
    for role in {p.role for p in project.partnerships.all()}:
        assert str(Partnership.Role(role).label) in drawn
    cohorts = Cohort.objects.filter(project=project)
    for cohort in cohorts:
        assert svg(text, "chart", f"Opintojen eteneminen: {cohort.name}") is not None
    assert text.count('<div class="progress-chart">') == cohorts.count()


@pytestmark_db
def test_the_demo_projects_have_funding_partners_and_a_cohort_to_draw(demo_data):
    """The test above is not vacuous."""
    assert FundingShare.objects.filter(project__slug="kainuu").exists()
    assert Cohort.objects.filter(project__slug__in=["kainuu", "kymenlaakso"]).count() == 2


@pytestmark_db
def test_suppressed_counts_draw_no_bar_on_the_project_page(client, demo_data):
    text = page(client, "kainuu", "fi")
    chart = svg(text, "chart", "Opintojen eteneminen")
    groups = re.findall(r'<g class="bar bar-([\w-]+)"[^>]*>(.*?)</g>', chart, re.S)
    hidden = [(css, body) for css, body in groups if "alle 5" in body]
    shown = [(css, body) for css, body in groups if "alle 5" not in body]
    assert hidden  # Kainuu's demo cohort has small groups
    assert all("<rect" not in body for _css, body in hidden)
    assert all("<rect" in body for _css, body in shown)


@pytestmark_db
def test_an_organisation_with_two_roles_shows_in_both_groups_and_once_in_the_count(client):
    project = ProjectFactory()
    first = PartnershipFactory(project=project, role=Partnership.Role.ADMINISTRATOR)
    PartnershipFactory(project=project, organisation=first.organisation, role=Partnership.Role.LEAD_IMPLEMENTER)
    PartnershipFactory(project=project, role=Partnership.Role.FUNDING_AUTHORITY)
    FundingShareFactory(project=project, source=FundingShare.Source.ESF, percentage=Decimal(60))
    with translation.override("en"):
        labels = [str(label) for label, _members in Project.objects.get(pk=project.pk).partners_by_role]
    assert labels == ["Administrator", "Lead implementer", "Funding authority"]
    ecosystem = svg(page(client, project.slug, "en"), "chart", project.name)
    assert "2 organisations by role" in title(ecosystem)
    assert texts(ecosystem).count(first.organisation.name) == 2
