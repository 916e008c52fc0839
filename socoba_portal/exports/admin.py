"""Exports of personal data from the admin, written once for every app."""

from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from import_export.forms import SelectableFieldsExportForm

from socoba_portal.audit import log_access_many


class ColumnsExportForm(SelectableFieldsExportForm):
    """django-import-export's column picker with the columns' own (translated) names,
    and only the resource's ``default_export_fields`` ticked at first."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return field.column_name if field is not None else field_name

    def _create_boolean_fields(self, resource, index):
        names = super()._create_boolean_fields(resource, index)
        defaults = getattr(resource, "default_export_fields", None)
        if defaults is not None:
            prefix = self.create_boolean_field_name(resource, "")
            for name in names:
                self.fields[name].initial = name.removeprefix(prefix) in defaults
        return names


class PersonalDataExportMixin:
    """Put before django-import-export's ``ExportMixin`` (or ``ExportActionMixin``) in a
    scoped admin: the export holds only the rows of the user's own projects (the
    admin's queryset), the user picks the columns, the page shows the resource's
    data-protection note, every exported row is written to the access log and the
    file is never cached."""

    export_form_class = ColumnsExportForm
    # The lookup that names what the rows are of (``"event__slug"``): an export whose rows are
    # all of one event or cohort carries its slug in the file name.
    export_subject_lookup = None

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def log_export(self, queryset):
        """One access entry per exported row; an admin whose rows are about someone
        else (course completions: students) says whom."""
        log_access_many(queryset)

    def get_data_for_export(self, request, queryset, **kwargs):
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        self.log_export(queryset)
        return dataset

    def get_valid_export_item_pks(self, request):
        # The rows an export started from the action menu may name: only the user's own.
        return self.get_queryset(request).values_list("pk", flat=True)

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        resources = self.get_export_resource_classes(request)
        context["data_protection_notes"] = list(
            dict.fromkeys(resource.data_protection_note for resource in resources if resource.data_protection_note)
        )
        return context

    def get_export_filename(self, request, queryset, file_format):
        """``ilmoittautumiset-kevatseminaari-2026-12-05-1432.csv``: what, of what (when the
        rows are all of one event or cohort), and when to the minute, so that two exports
        never overwrite each other."""
        parts = [str(self.opts.verbose_name_plural)]
        if self.export_subject_lookup:
            subjects = list(queryset.order_by().values_list(self.export_subject_lookup, flat=True).distinct()[:2])
            parts += subjects if len(subjects) == 1 else []
        return f"{slugify('-'.join(parts))}-{timezone.localtime():%Y-%m-%d-%H%M}.{file_format.get_extension()}"

    def export_action(self, request):
        response = super().export_action(request)
        patch_cache_control(response, private=True, no_store=True)  # personal data: no copy in any cache
        return response
