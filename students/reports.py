from django.utils.translation import gettext_lazy as _

from projects.reports import ProjectScopedReport
from socoba_portal.audit import log_access_many

from .aggregates import cohort_stats
from .models import Cohort, Student


class CohortReport(ProjectScopedReport):
    """Confidential: each student's credits against the requirement, status and thesis."""

    kind = "cohort"
    template_name = "students/reports/cohort.html"
    file_label = _("cohort-progress-report")
    name = _("Cohort progress report")
    permission = "students.view_student"
    confidential = True

    @classmethod
    def report_queryset(cls):
        return Cohort.objects.select_related("project")

    def title(self):
        return f"{self.object.name} – {_('Cohort progress report')}"

    def project(self):
        return self.object.project

    def students(self):
        if not hasattr(self, "_students"):
            self._students = list(
                Student.objects.filter(cohort=self.object)
                .with_credits()
                .select_related("thesis")
                .order_by("last_name", "first_name", "pk")
            )
        return self._students

    def estimated_rows(self):
        return self.object.students.count()

    def get_context(self):
        return {"students": self.students(), "stats": cohort_stats(Cohort.objects.filter(pk=self.object.pk))[0]}

    def on_export(self):
        # Act 906/2019 §17: an export is logged once per student it includes.
        log_access_many(self.students(), actor=self.actor)
