"""PDF reports: one print stylesheet and base template for all of them, so a new
report is a template and a query, nothing more.

WeasyPrint is imported once per process, here, and only by code that renders
reports. The apps define their reports as ``Report`` subclasses and list them
in their AppConfig's ``reports`` (``{"cohort": "students.reports.CohortReport"}``);
this module knows no domain app.
"""

import io
import zipfile
from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views import View

from .http import private_response

PRINT_STYLESHEET = settings.BASE_DIR / "static" / "css" / "print.css"


@cache
def _weasyprint():
    import weasyprint

    return weasyprint


@cache
def _stylesheet():
    return _weasyprint().CSS(filename=str(PRINT_STYLESHEET))


def render_pdf(html):
    """Render report HTML to a tagged A4 PDF (metadata from the HTML head)."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR / "static"))
    return document.write_pdf(stylesheets=[_stylesheet()], pdf_variant="pdf/ua-1", pdf_tags=True)


class Report:
    """One PDF document about one object.

    Subclasses set ``template_name``, ``file_label`` (a lazy, translated word
    for the file name, e.g. "hankeraportti") and ``permission``, and implement
    ``get_queryset()`` (the objects it may be made of) and ``get_context()``.
    """

    template_name = None
    file_label = None
    permission = None
    confidential = False

    def __init__(self, obj, *, user=None, language=None):
        self.object = obj
        self.user = user
        self.language = language or settings.LANGUAGE_CODE
        self.exported_at = timezone.localtime()

    # -- finding the object, with the permission check written once ---------
    @classmethod
    def get_queryset(cls, user):
        """The objects ``user`` may export; ``user=None`` is the command line without --as-user."""
        raise NotImplementedError

    @classmethod
    def lookup(cls, value):
        """How a slug or id on the command line or in a URL finds the object."""
        value = str(value)
        if value.isdigit() and len(value) <= 15:
            return {"pk": int(value)}
        model = cls.get_queryset(None).model
        if any(field.name == "slug" for field in model._meta.fields):
            return {"slug": value}
        return {"pk__in": []}  # matches nothing: reported as a missing object

    @classmethod
    def for_user(cls, user, value, *, language=None):
        """The report of the object ``value`` names, if ``user`` may export it.

        Another project's object is reported as missing (DoesNotExist), one the
        user may see but not export as PermissionDenied.
        """
        obj = cls.get_queryset(user).get(**cls.lookup(value))
        if user is not None and not user.has_perm(cls.permission, obj):
            raise PermissionDenied
        return cls(obj, user=user, language=language)

    # -- rendering -----------------------------------------------------------
    def get_context(self):
        return {}

    def title(self):
        return str(self.object)

    def project(self):
        return getattr(self.object, "project", self.object)

    def on_export(self):
        """Hook for audit logging; called once per rendered document."""

    def estimated_rows(self):
        """Rows the report will list; large reports are made in the background."""
        return 0

    def is_large(self):
        return self.estimated_rows() > getattr(settings, "REPORT_BACKGROUND_ROWS", 300)

    def queue(self, value):
        """Make this report in the background; the staff member follows it in the admin."""
        from .models import ReportExport
        from .tasks import render_report_export

        kind = next(kind for kind, cls in report_classes().items() if cls is type(self))
        export = ReportExport.objects.create(
            requested_by=self.user,
            kind=kind,
            object_value=str(value),
            object_label=self.title(),
            subject=self.object,
            language=self.language,
        )
        transaction.on_commit(lambda: render_report_export.enqueue(export.pk))
        return export

    def render_html(self):
        with translation.override(self.language):
            context = {
                "report": self,
                "object": self.object,
                "title": self.title(),
                "project": self.project(),
                "exported_at": self.exported_at,
                "language": self.language,
                "author": self.user.get_full_name() if self.user else "",
                **self.get_context(),
            }
            return render_to_string(self.template_name, context)

    def render(self):
        pdf = render_pdf(self.render_html())
        self.on_export()
        return pdf

    def filename(self):
        with translation.override(self.language):
            name = slugify(f"{self.project_slug()}-{self.file_label}")
        return f"{name}-{self.exported_at:%Y-%m-%d}.pdf"

    def project_slug(self):
        return getattr(self.project(), "slug", "")


@cache
def report_classes():
    """``{"project": ProjectReport, …}`` from every app's config."""
    classes = {}
    for app_config in apps.get_app_configs():
        for kind, path in getattr(app_config, "reports", {}).items():
            classes[kind] = import_string(path)
    return classes


def pdf_response(report):
    response = HttpResponse(report.render(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename()}"'
    return response


def zip_response(reports, name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for report in reports:
            archive.writestr(report.filename(), report.render())
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@method_decorator(private_response, name="dispatch")
class ReportView(View):
    """Staff URL that answers with one report's PDF (``?lang=sv`` for another language);
    every answer is private, whichever report it is."""

    report_class = None

    def get(self, request, value):
        if not request.user.is_authenticated or not request.user.is_staff:
            return redirect_to_login(request.get_full_path())
        language = request.GET.get("lang")
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        model = self.report_class.get_queryset(request.user).model
        try:
            report = self.report_class.for_user(request.user, value, language=language)
        except model.DoesNotExist:
            raise Http404 from None
        if report.is_large():
            report.queue(value)
            messages.info(
                request,
                _("The report is large, so it is being made in the background. It appears here when it is ready."),
            )
            return redirect("admin:socoba_portal_reportexport_changelist")
        return pdf_response(report)


class ReportAdminMixin:
    """A report button on the change page and an action exporting the selected
    objects' reports (one PDF each, bundled as a zip)."""

    report_class = None
    report_url_name = None
    change_form_template = "admin/report_change_form.html"
    actions = ["export_reports"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None and request.user.has_perm(self.report_class.permission, obj):
            extra_context["report_url"] = reverse(self.report_url_name, kwargs={"value": obj.pk})
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
        large = [report for report in reports if report.is_large()]
        for report in large:
            report.queue(report.object.pk)
        if large:
            self.message_user(
                request,
                _("%(count)d large reports are being made in the background (see Report exports).")
                % {"count": len(large)},
            )
        reports = [report for report in reports if not report.is_large()]
        if not reports and large:
            return None
        if not reports:
            self.message_user(request, _("You may not export these reports."), messages.ERROR)
            return None
        return zip_response(
            reports, f"{slugify(self.report_class.file_label)}-{timezone.localdate():%Y-%m-%d}.zip"
        )
