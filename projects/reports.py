from django.utils.translation import gettext_lazy as _

from socoba_portal.reports import Report

from .models import Project
from .permissions import scope_queryset


class ProjectReport(Report):
    """The funder's report: facts, funding, partners, programme, events, publications."""

    template_name = "reports/project.html"
    file_label = _("project-report")
    permission = "projects.export_project_report"

    @classmethod
    def get_queryset(cls, user):
        projects = Project.objects.with_report_relations()
        return projects if user is None else scope_queryset(projects, user, cls.permission)

    def title(self):
        return f"{self.object.name} – {_('Project report')}"

    def get_context(self):
        return {}
