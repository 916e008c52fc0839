"""Reports in the admin: a button on the change page and an action on the list."""

from django.conf import settings
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .exports import queue_export
from .views import zip_response


def refuse_a_large_zip(model_admin, request, count, limit):
    """Tell the staff member to select fewer when ``count`` PDFs would not go in one zip in
    time; True when refused (nothing is made)."""
    if count <= limit:
        return False
    model_admin.message_user(
        request,
        _("%(count)d PDFs selected: at most %(limit)d go in one zip. Select fewer at a time.")
        % {"count": count, "limit": limit},
        messages.ERROR,
    )
    return True


class ReportAdminMixin:
    """A report button on the change page and an action exporting the selected
    objects' reports (one PDF each, bundled as a zip)."""

    report_class = None
    report_url_name = None
    change_form_template = "admin/report_change_form.html"
    actions = ["export_reports"]

    def get_actions(self, request, *args, **kwargs):
        """The report action only for those who may export one of these reports somewhere."""
        actions = super().get_actions(request, *args, **kwargs)
        if "export_reports" in actions and not self.report_class.get_queryset(request.user).exists():
            del actions["export_reports"]
        return actions

    def get_object_tools(self, request, obj):
        """More links beside the report's, ``[(url, label), …]`` (an event's check-in)."""
        return []

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None and request.user.has_perm(self.report_class.permission, obj):
            extra_context["report_url"] = reverse(self.report_url_name, kwargs={"value": obj.pk})
        extra_context["object_tools"] = self.get_object_tools(request, obj) if obj is not None else []
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Export the reports of the selected objects (PDF, zip)"))
    def export_reports(self, request, queryset):
        allowed = self.report_class.get_queryset(request.user).filter(pk__in=queryset.values("pk"))
        language = translation.get_language()
        reports = [
            self.report_class(obj, user=request.user, language=language)
            for obj in allowed
            if request.user.has_perm(self.report_class.permission, obj)
        ]
        if refuse_a_large_zip(self, request, len(reports), settings.REPORT_ZIP_MAX_REPORTS):
            return None
        large, small = [], []
        for report in reports:  # is_large() counts rows in the database: once a report
            (large if report.is_large() else small).append(report)
        for report in large:
            queue_export(report, report.object.pk)
        if large:
            self.message_user(
                request,
                _("%(count)d large reports are being made in the background (see Report exports).")
                % {"count": len(large)},
            )
        if not small and large:
            return None
        if not small:
            self.message_user(request, _("You may not export these reports."), messages.ERROR)
            return None
        return zip_response(small, f"{slugify(self.report_class.file_label)}-{timezone.localdate():%Y-%m-%d}.zip")
