from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _crud(app_label, *models):
    return {f"{app_label}.{action}_{model}" for model in models for action in ("view", "add", "change", "delete")}


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    reports = {"project": "projects.reports.ProjectReport"}

    # What each project role may do with this app's models (see projects.permissions).
    project_role_permissions = {
        "coordinator": {
            "projects.view_project",
            "projects.change_project",
            "projects.export_project_report",
            "projects.view_organisation",
            "projects.add_organisation",
            "projects.change_organisation",
            # Only for organisations no other project uses (see projects.permissions).
            "projects.delete_organisation",
            *_crud("projects", "fundingshare", "spearhead", "partnership", "contact", "publication"),
        },
        "student_data_officer": {"projects.view_project"},
        "reporter": {"projects.view_project", "projects.export_project_report"},
    }
