from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ReportExport
from .reports.rendering import report_classes


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    """Staff follow their background reports here and download them when ready."""

    list_display = ["object_label", "report_name", "language", "status", "pages", "created_at", "download"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in ReportExport._meta.fields]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff and (
            obj is None or request.user.is_superuser or obj.requested_by == request.user
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    @admin.display(description=_("report"), ordering="kind")
    def report_name(self, export):
        report_class = report_classes().get(export.kind)
        return report_class.name if report_class else export.kind

    @admin.display(description=_("file"))
    def download(self, export):
        if export.status != ReportExport.Status.DONE:
            return "–"
        return format_html('<a href="{}">{}</a>', export.get_absolute_url(), _("Download (PDF)"))

    def delete_model(self, request, obj):
        ReportExport.objects.filter(pk=obj.pk).delete_with_files()

    def delete_queryset(self, request, queryset):
        queryset.delete_with_files()
