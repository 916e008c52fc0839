"""Cross-cutting request and response rules, written once for every app."""

import logging

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import OperationalError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .abuse import client_ip
from .http import is_download, make_private

logger = logging.getLogger(__name__)

NUL = "\x00"


def _has_nul(querydict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in querydict.lists())


class RejectNulBytesMiddleware:
    """A NUL byte (``%00``) in the path, the query string, a cookie or a form field answers 400.

    No page or form of the portal takes one, and PostgreSQL refuses it in any
    string (``ValueError``), which would otherwise surface as a 500 wherever a
    value reaches a query: URL slugs and tokens, admin searches and filters.
    The 400 page is Django's ``handler400`` (``templates/400.html`` when present).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            NUL in request.path
            or _has_nul(request.GET)
            or any(NUL in value for value in request.COOKIES.values())
            or self._post_has_nul(request)
        ):
            raise BadRequest("NUL byte in the request")
        return self.get_response(request)

    @staticmethod
    def _post_has_nul(request):
        if request.method != "POST":
            return False
        try:
            return _has_nul(request.POST)
        except MultiPartParserError:
            return False  # malformed bodies are left to Django's own 400


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` on every response (settings.PERMISSIONS_POLICY), and every
    download (``Content-Disposition: attachment``: reports, exports, certificates) private."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if is_download(response):
            make_private(response)
        return response


# The database or the shared cache (Redis) not answering: the visitor's request did nothing.
UNAVAILABLE = (OperationalError, RedisConnectionError, RedisTimeoutError)


class ServiceUnavailableMiddleware:
    """A view that fails because the database or the shared cache is down answers 503 with a
    page in the portal's layout saying nothing was saved, and ``Retry-After``, instead of a
    500: a public form's rate limit or a sign-in needs the cache before anything is stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE):
            return None
        logger.error("Service unavailable: %s", type(exception).__name__)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "120"
        return response


class TrustedAddressAuditlogMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware records the first ``X-Forwarded-For`` address, which any
    client can write; the audit trail records the address the rate limits use instead
    (``client_ip``: trusted proxies only), and no client-supplied port."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request):
        return None
