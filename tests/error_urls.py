"""A urlconf for the error-page tests: the portal's plus views that fail with 400 and 403."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from socoba_portal.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def bad_request(request):
    raise BadRequest


def forbidden(request):
    raise PermissionDenied


urlpatterns = [*urlpatterns, *i18n_patterns(path("bad/", bad_request), path("forbidden/", forbidden))]
