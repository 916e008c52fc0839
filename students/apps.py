from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(*models, actions=("view", "add", "change", "delete")):
    return {f"students.{action}_{model}" for model in models for action in actions}


class StudentsConfig(AppConfig):
    name = "students"
    verbose_name = _("Master's cohorts")
    reports = {"cohort": "students.reports.CohortReport"}

    # What each project role may do with this app's models (see projects.permissions).
    # Coordinators run the study plan and the topic bank but never see a student;
    # student-data officers handle the personal data; reporters get nothing here.
    project_role_permissions = {
        "coordinator": _perms("cohort", "course", "thesistopic"),
        "student_data_officer": {
            *_perms("student", "completion", "thesis"),
            *_perms("cohort", "course", "thesistopic", actions=("view",)),
        },
    }
