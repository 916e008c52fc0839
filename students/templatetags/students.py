"""Template tags through which the project page shows its cohort's aggregates
(``projects`` never imports ``students``)."""

from django import template

from ..aggregates import cohort_stats
from ..models import Cohort

register = template.Library()


@register.inclusion_tag("students/includes/cohort_summary.html")
def cohort_summary(project):
    """The cohort's aggregates (never a student), on the project page."""
    return {
        "project": project,
        "stats_list": cohort_stats(Cohort.objects.filter(project=project)),
        "topics": project.thesis_topics.public_in_project(),
    }
