import logging
import secrets

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .http import private_response
from .models import ReportExport

logger = logging.getLogger(__name__)


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


def signup_closed(request):
    """Nobody signs up: staff accounts are created and invited by an administrator."""
    raise Http404


@private_response
def report_export_download(request, pk):
    """A background report's PDF, for the staff member who asked for it (or an administrator)."""
    if not request.user.is_authenticated or not request.user.is_staff:
        return redirect_to_login(request.get_full_path())
    export = get_object_or_404(
        ReportExport.objects.visible_to(request.user), pk=pk, status=ReportExport.Status.DONE
    )
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1])
