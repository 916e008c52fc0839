import logging
import secrets

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import static as static_files
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from . import uploads
from .http import private_response
from .models import ReportExport
from .reports.exports import may_download

logger = logging.getLogger(__name__)
FAVICON_REDIRECT_MAX_AGE = 24 * 60 * 60  # a day: the static file's hashed name may change


@require_GET
@never_cache
def healthz(request):
    """Liveness, for load balancers: the process answers; touches neither database nor cache."""
    return HttpResponse("ok", content_type="text/plain")


def _database_ready():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_ready():
    key, value = "readyz", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    return cache.get(key) == value


READINESS_CHECKS = {"database": _database_ready, "cache": _cache_ready}


@require_GET
@never_cache
def readyz(request):
    """Readiness: the database answers a query and the default cache keeps a value.
    503 names the part that failed, never the error (it may carry hosts or passwords)."""
    lines, ready = [], True
    for part, check in READINESS_CHECKS.items():
        try:
            ok = check()
        except Exception:  # whatever a backend raises, it is not ready
            logger.exception("Readiness check failed: %s", part)
            ok = False
        ready = ready and ok
        lines.append(f"{part}: {'ok' if ok else 'unavailable'}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain", status=200 if ready else 503)


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


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the static file."""
    response = HttpResponseRedirect(static("img/favicon.ico"))
    patch_cache_control(response, public=True, max_age=FAVICON_REDIRECT_MAX_AGE)
    return response


def server_error(request):
    """The 500 page in the portal's layout and the URL's language. Unlike Django's default it
    renders with the request (for the navigation), but the page and its layout touch no model:
    the database may be the very thing that failed."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("The 500 page could not be rendered; answering in plain text.")
        return HttpResponseServerError("Server Error (500)", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (expired page, cookies blocked): explain
    and offer the way back to the form (the front page when the referrer is not ours)."""
    referrer = request.headers.get("referer", "")
    safe_referrer = url_has_allowed_host_and_scheme(
        referrer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return render(request, "403_csrf.html", {"back_url": referrer if safe_referrer else ""}, status=403)


def signup_closed(request):
    """Nobody signs up: staff accounts are created and invited by an administrator."""
    raise Http404


@private_response
def report_export_download(request, pk):
    """A background report's PDF, for the staff member who asked for it (or an administrator),
    while they may still export that report."""
    if not request.user.is_authenticated or not request.user.is_staff:
        return redirect_to_login(request.get_full_path())
    export = get_object_or_404(
        ReportExport.objects.visible_to(request.user), pk=pk, status=ReportExport.Status.DONE
    )
    if not may_download(export, request.user):
        raise Http404
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1])


def media(request, path):
    """Uploaded files in development, with the headers nginx gives them in production
    (deploy/nginx-media.conf): the type by the extension's allow-list, no sniffing, no script."""
    response = static_files.serve(request, path, document_root=settings.MEDIA_ROOT)
    file_type = uploads.type_for_name(path)
    response.headers["Content-Type"] = file_type.content_type if file_type else "application/octet-stream"
    response.headers["Content-Disposition"] = "inline" if file_type and file_type.inline else "attachment"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    return response
