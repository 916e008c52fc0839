from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _crud(*models):
    return {f"seminars.{action}_{model}" for model in models for action in ("view", "add", "change", "delete")}


class SeminarsConfig(AppConfig):
    name = "seminars"
    verbose_name = _("Seminars")
    reports = {
        "seminar": "seminars.reports.SeminarReport",
        "certificate": "seminars.reports.AttendanceCertificate",
    }

    # What each project role may do with this app's models (see projects.permissions).
    # ``seminars.view_registration`` guards the registrants' personal data.
    project_role_permissions = {
        "coordinator": _crud("event", "programmeitem", "material", "registration"),
        "reporter": {"seminars.view_event"},
    }

    def next_public_change(self, moment):
        """When, after ``moment``, an event's page changes by itself (socoba_portal.page_cache)."""
        from .models import Event

        return Event.objects.public().next_change_after(moment)
