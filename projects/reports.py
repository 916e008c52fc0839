from django.utils.translation import gettext_lazy as _

from socoba_portal.reports.rendering import Report

from .models import Project
from .permissions import scope_queryset


class ProjectScopedReport(Report):
    """A report of one project's object: staff export only what their project roles allow."""

    @classmethod
    def scope(cls, queryset, user):
        return scope_queryset(queryset, user, cls.permission)


class ProjectReport(ProjectScopedReport):
    """The funder's report: facts, funding, partners, programme, events, publications."""

    kind = "project"
    template_name = "projects/reports/project.html"
    file_label = _("project-report")
    name = _("Project report")
    permission = "projects.export_project_report"

    @classmethod
    def report_queryset(cls):
        return Project.objects.with_report_relations()

    def title(self):
        return f"{self.object.name} – {_('Project report')}"

    def get_context(self):
        return {}
