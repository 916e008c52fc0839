from django.utils.translation import gettext_lazy as _

from projects.permissions import scope_queryset
from socoba_portal.audit import log_access_many
from socoba_portal.reports import Report

from .aggregates import cohort_stats
from .models import Cohort, Student


class CohortReport(Report):
    """Confidential: each student's credits against the requirement, status and thesis."""

    template_name = "reports/cohort.html"
    file_label = _("cohort-progress-report")
    permission = "students.view_student"
    confidential = True

    @classmethod
    def get_queryset(cls, user):
        cohorts = Cohort.objects.select_related("project")
        return cohorts if user is None else scope_queryset(cohorts, user, cls.permission)

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
        log_access_many(self.students(), actor=self.user)
