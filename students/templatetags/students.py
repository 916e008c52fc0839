"""Template tags through which the project page shows its cohort's aggregates
(``projects`` never imports ``students``)."""

from django import template

register = template.Library()


@register.inclusion_tag("students/includes/cohort_summary.html")
def cohort_summary(project):
    """The cohort's aggregates (never a student), on the project page."""
    return {"project": project, "cohorts": []}
