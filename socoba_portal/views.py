from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import static
from django.views.decorators.http import require_GET

from . import uploads
from .models import ReportExport


@require_GET
def healthz(request):
    """For load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /fi/accounts/",
        "Disallow: /sv/accounts/",
        "Disallow: /en/accounts/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def signup_closed(request):
    """Nobody signs up: staff accounts are created and invited by an administrator."""
    raise Http404


def report_export_download(request, pk):
    """A background report's PDF, for the staff member who asked for it (or an administrator)."""
    if not request.user.is_authenticated or not request.user.is_staff:
        return redirect_to_login(request.get_full_path())
    export = get_object_or_404(
        ReportExport.objects.visible_to(request.user), pk=pk, status=ReportExport.Status.DONE
    )
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1])


def media(request, path):
    """Uploaded files in development, with the headers nginx gives them in production
    (deploy/nginx-media.conf): the type by the extension's allow-list, no sniffing, no script."""
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    file_type = uploads.type_for_name(path)
    response.headers["Content-Type"] = file_type.content_type if file_type else "application/octet-stream"
    response.headers["Content-Disposition"] = "inline" if file_type and file_type.inline else "attachment"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    return response
