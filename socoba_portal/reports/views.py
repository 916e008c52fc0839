"""Reports over HTTP: the staff URL, and the PDF and zip answers the admin reuses."""

import io
import itertools
import zipfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View

from ..http import private_response
from .exports import queue_export


def pdf_response(report):
    response = HttpResponse(report.render(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename()}"'
    return response


def zip_response(reports, name):
    """One PDF a report in a zip; names that would repeat (two people of the same name)
    get "-2", "-3" so that no file overwrites another when unpacked."""
    buffer, taken = io.BytesIO(), set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for report in reports:
            filename = stem = report.filename().removesuffix(".pdf")
            for number in itertools.count(2):
                if filename not in taken:
                    break
                filename = f"{stem}-{number}"
            taken.add(filename)
            archive.writestr(f"{filename}.pdf", report.render())
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
        model = self.report_class.report_queryset().model
        try:
            report = self.report_class.for_user(request.user, value, language=language)
        except model.DoesNotExist:
            raise Http404 from None
        if report.is_large():
            queue_export(report, value)
            messages.info(
                request,
                _("The report is large, so it is being made in the background. It appears here when it is ready."),
            )
            return redirect("admin:socoba_portal_reportexport_changelist")
        return pdf_response(report)
