"""Whole public pages for anonymous visitors, kept in the shared cache.

A visitor must never see stale data, so the scheme is deliberately blunt:

- **One content version for the whole site.** Any save, delete or many-to-many change of
  any model bumps it, except the models in ``PAGE_CACHE_IGNORED_MODELS`` that no page
  shows (sessions, audit trail, accounts, task rows): a new model invalidates by default.
  The bump happens at once and again after the transaction commits, so a page another
  worker renders from the old rows while the change commits is stored under the old
  version and never served.
- **Pages that change by themselves**: an event starts or ends, registration opens or
  closes, the date turns. An app may say when that next happens after a moment
  (``AppConfig.next_public_change(moment)``); a version is current only until the earliest
  such moment after it was made (and midnight), then the next request bumps it.
- **A page's entry records the version it was made under** and is served only while that
  version is current; entry and version come back in one cache round trip.
- **The release** (code, templates, translations, static file names) is part of every key.

Only GET and HEAD requests without a session or messages cookie, and with no query
parameter but those pages read (``PAGE_CACHE_QUERY_PARAMETERS``), get cached pages: a
signed-in user, or a visitor just redirected after sending a form, always gets a live page
(marked private), and made-up parameters cannot fill the cache. Only 200 answers up to
``PAGE_CACHE_MAX_BYTES`` that set no cookie and are not private are stored.

The per-visitor values in a page (the CSRF token and the public forms' signed start time)
are cut out before storing and filled in fresh for every visitor, so forms keep working.
Served pages carry an ETag (``If-None-Match`` → 304) and let a front proxy keep them for
``PAGE_CACHE_PROXY_SECONDS``; a page with a form is private to the visitor's CSRF cookie.

``QuerySet.update()``, ``bulk_create()`` and raw SQL send no signals: code that changes
what a page shows that way calls ``content_changed()``.
"""

import datetime
import hashlib
import logging
import re
import secrets
import time
from functools import cache, wraps
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from .abuse import signed_start
from .middleware import UNAVAILABLE

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"
# A longer query string is not a link anyone follows: served live, never stored.
MAX_QUERY_LENGTH = 512
HIT, MISS, LIVE = "hit", "miss", "live"

# Per-visitor values, cut out of a stored page and filled in for each visitor.
HOLES = {
    b"\x00csrf\x00": (
        re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")'),
        lambda request: get_token(request),
    ),
    b"\x00form-started\x00": (
        re.compile(rb'(name="(?:[\w-]+-)?form_started" value=")[^"]*(")'),
        lambda request: signed_start(),
    ),
}
# Headers of the view's answer that a stored page keeps.
KEPT_HEADERS = {"content-type", "content-disposition", "content-language", "x-robots-tag", "link"}


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# --- The content version ------------------------------------------------------------------


def _new_version():
    version = {"token": secrets.token_hex(8), "since": time.time()}
    _cache().set(VERSION_KEY, version, timeout=None)
    return version


def _bump_after_commit():
    try:
        _new_version()
    except UNAVAILABLE:
        logger.error("Page cache: the content version could not be bumped")


def content_changed():
    """Something a page may show changed: every stored page is out of date, now and
    (again) once the current transaction commits."""
    _new_version()
    if connection.in_atomic_block and not any(
        # One bump per transaction, however many rows it changes (Django's own list).
        callback is _bump_after_commit
        for _savepoints, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_bump_after_commit, robust=True)


def model_changed(sender, **kwargs):
    """``post_save``, ``post_delete`` and ``m2m_changed`` of any model but those no page shows."""
    if sender in _tracked_models() and not kwargs.get("raw") and kwargs.get("action", "post_").startswith("post_"):
        content_changed()


@cache
def _tracked_models():
    """Every installed model (many-to-many tables too) but ``PAGE_CACHE_IGNORED_MODELS``,
    named there as ``app_label.model`` or a whole ``app_label``. Models outside the app
    registry (a migration's historical models, the migration recorder's) are not tracked."""
    ignored = {name.lower() for name in settings.PAGE_CACHE_IGNORED_MODELS}
    return frozenset(
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in ignored and model._meta.app_label not in ignored
    )


_valid_until = {}


def _next_change(since):
    """The first moment after ``since`` at which some page changes by itself."""
    moment = datetime.datetime.fromtimestamp(since, tz=datetime.UTC)
    local = timezone.localtime(moment)
    midnight = timezone.make_aware(
        datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time())
    )
    moments = [midnight]
    for config in apps.get_app_configs():
        if hasattr(config, "next_public_change"):
            moments.append(config.next_public_change(moment))
    return min(found for found in moments if found is not None).timestamp()


def _is_current(version, now):
    """A version is good from when it was made until the next moment a page changes by
    itself (worked out once per version and process: the data cannot change under it)."""
    token = version["token"]
    if token not in _valid_until:
        _valid_until.clear()
        _valid_until[token] = _next_change(version["since"])
    return version["since"] <= now < _valid_until[token]


def _checked(version):
    if version is None or not _is_current(version, time.time()):
        return _new_version()
    return version


def current_version():
    """The content version now: made anew when missing or past its moment."""
    return _checked(_cache().get(VERSION_KEY))


# --- Keys -----------------------------------------------------------------------------------


@cache
def _release():
    """What a deployment changes: the code, templates, translations and static file names
    (the manifest of hashed names), from the files' sizes and times; or PAGE_CACHE_RELEASE."""
    if settings.PAGE_CACHE_RELEASE:
        return settings.PAGE_CACHE_RELEASE
    folders = [Path(folder) for template in settings.TEMPLATES for folder in template.get("DIRS", [])]
    folders += [Path(folder) for folder in settings.LOCALE_PATHS]
    folders += [
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR)
    ]
    files = {
        path
        for folder in folders
        for path in folder.rglob("*")
        if path.suffix in {".py", ".html", ".txt", ".mo", ".xml", ".svg"}
    }
    if settings.STATIC_ROOT:
        files.add(Path(settings.STATIC_ROOT) / "staticfiles.json")
    digest = hashlib.sha256()
    for path in sorted(files):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


_settings_epoch = 0


def settings_changed(**_signal_arguments):
    """A setting changed in a test (``override_settings``): no page made before applies."""
    global _settings_epoch
    _settings_epoch += 1


def _key(request):
    parts = [
        _release(),
        str(_settings_epoch),
        translation.get_language() or "",
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


# --- Entries --------------------------------------------------------------------------------


def _entry(response, token):
    body = response.content
    holes = []
    for hole, (pattern, _fill) in HOLES.items():
        body, count = pattern.subn(rb"\g<1>" + hole + rb"\g<2>", body)
        if count:
            holes.append(hole)
    return {
        "token": token,
        "status": response.status_code,
        "headers": {name: value for name, value in response.headers.items() if name.lower() in KEPT_HEADERS},
        "body": body,
        "etag": hashlib.sha256(body).hexdigest()[:32],
        "holes": holes,
    }


def _response(request, entry, state):
    body = entry["body"]
    etag = entry["etag"]
    for hole in entry["holes"]:
        body = body.replace(hole, HOLES[hole][1](request).encode())
    response = HttpResponse(body, status=entry["status"], headers=entry["headers"])
    if entry["holes"]:
        # The page holds a form: it belongs to this visitor's CSRF cookie, which the ETag follows.
        etag = hashlib.sha256(f"{etag}:{request.META.get('CSRF_COOKIE', '')}".encode()).hexdigest()[:32]
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_PROXY_SECONDS)
    response["ETag"] = f'"{etag}"'
    response["X-Page-Cache"] = state
    patch_vary_headers(response, ["Cookie"])
    return get_conditional_response(request, etag=response["ETag"], response=response)


def _storable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
        and not response.cookies
        and not {"private", "no-store", "no-cache"} & {part.strip() for part in cache_control.split(",")}
    )


def _gets_live_page(request):
    return (
        request.method not in {"GET", "HEAD"}
        or request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        or request.COOKIES.get(CookieStorage.cookie_name)
        or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH
        or not set(request.GET) <= settings.PAGE_CACHE_QUERY_PARAMETERS
    )


def _live(view, request, *args, **kwargs):
    response = view(request, *args, **kwargs)
    if request.method in {"GET", "HEAD"} and "Cache-Control" not in response:
        patch_cache_control(response, private=True)  # may be personal: no proxy keeps it
    response["X-Page-Cache"] = LIVE
    return response


def public_page(view):
    """Decorate a public view: anonymous visitors get it from the shared cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if _gets_live_page(request):
            return _live(view, request, *args, **kwargs)
        key = _key(request)
        try:
            found = _cache().get_many([VERSION_KEY, key])
            version = _checked(found.get(VERSION_KEY))
        except UNAVAILABLE:
            logger.error("Page cache unavailable: the page is made without it")
            return _live(view, request, *args, **kwargs)
        entry = found.get(key)
        if entry is not None and entry["token"] == version["token"]:
            return _response(request, entry, HIT)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if not _storable(response):
            response["X-Page-Cache"] = LIVE
            return response
        entry = _entry(response, version["token"])
        try:
            _cache().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        except UNAVAILABLE:
            logger.error("Page cache unavailable: the page was not stored")
        return _response(request, entry, MISS)

    return wrapper
