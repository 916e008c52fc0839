"""Template tags through which the project and home pages show events
(``projects`` never imports ``seminars``)."""

from django import template

register = template.Library()


@register.inclusion_tag("seminars/includes/project_events.html")
def project_events(project):
    """The events of one project, on its page."""
    return {"project": project, "events": []}


@register.inclusion_tag("seminars/includes/upcoming_events.html")
def upcoming_events(count=3):
    """The next events of all projects, on the home page."""
    return {"events": []}
