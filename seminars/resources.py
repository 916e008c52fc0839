"""The registrants' export (django-import-export, the same path as every export):
the coordinator picks the columns, values are written in the user's language and
local time, and the data-protection note travels with the file."""

from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from socoba_portal.exports.resources import PortalResource

from .models import Registration

DATA_PROTECTION_NOTE = _(
    "This file contains personal data of event registrants. Use it only for arranging this event, "
    "do not pass it on, keep it only as long as the task needs, and delete it afterwards. "
    "Registrations are anonymised in the portal after the retention period; copies outside the "
    "portal are your responsibility (EU General Data Protection Regulation, Data Protection Act 1050/2018)."
)


class RegistrationResource(PortalResource):
    name = Field(attribute="name", column_name=_("Name"))
    email = Field(attribute="email", column_name=_("Email"))
    organisation = Field(attribute="organisation", column_name=_("Organisation"))
    title = Field(attribute="title", column_name=_("Job title"))
    needs = Field(attribute="needs", column_name=_("Accessibility or dietary needs"))
    status = Field(column_name=_("Status"))
    attended = Field(column_name=_("Attended"))
    created_at = Field(column_name=_("Registered"))
    event = Field(column_name=_("Event"))

    data_protection_note = DATA_PROTECTION_NOTE
    default_export_fields = ["name", "organisation", "status"]

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "title", "needs", "status", "attended", "created_at", "event"]
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("event")

    def dehydrate_status(self, registration):
        return str(registration.get_status_display())

    def dehydrate_attended(self, registration):
        return gettext("yes") if registration.attended else gettext("no")

    def dehydrate_created_at(self, registration):
        return formats.date_format(timezone.localtime(registration.created_at), "SHORT_DATETIME_FORMAT")

    def dehydrate_event(self, registration):
        return str(registration.event)
