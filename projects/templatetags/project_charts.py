"""The project page's charts, drawn by the shared SVG geometry in ``socoba_portal.charts``
(the PDF reports can include the same tags)."""

from django import template
from django.utils.translation import gettext, ngettext

from socoba_portal import charts

register = template.Library()


@register.inclusion_tag("includes/charts/shares.html")
def funding_chart(project):
    """The funding shares as a bar; the funding table next to it is its text alternative."""
    chart = charts.shares_chart(
        [(share.get_source_display(), share.percentage) for share in project.funding_shares.all()]
    )
    return {
        "chart": chart,
        "chart_id": f"funding-chart-{project.pk}",
        # "Rahoitusosuudet: Euroopan sosiaalirahasto (ESR) 75 %, …"
        "title": gettext("Funding shares: %(shares)s") % {"shares": chart.summary},
    }


@register.inclusion_tag("includes/charts/ecosystem.html")
def ecosystem_diagram(project, described_by=""):
    """The project's partners grouped by role; ``described_by`` is the id of the partner list."""
    groups = project.partners_by_role
    count = len(project.partners)
    return {
        "chart": charts.ecosystem(
            project.name,
            [(label, [partner.organisation.name for partner in members]) for label, members in groups],
        ),
        "chart_id": f"ecosystem-diagram-{project.pk}",
        "described_by": described_by,
        "title": ngettext(
            "%(project)s in the SOCOBA ecosystem: %(count)s organisation by role",
            "%(project)s in the SOCOBA ecosystem: %(count)s organisations by role",
            count,
        )
        % {"project": project.name, "count": count},
    }
