"""Rendering reports: one print stylesheet and base template for all of them, so a new
report is a template and a query, nothing more.

WeasyPrint is imported once per process, here, and only when a report is rendered.
"""

import mimetypes
import threading
from functools import cache
from urllib.parse import unquote

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.text import slugify

PRINT_STYLESHEET = settings.BASE_DIR / "static" / "css" / "print.css"


class SystemExport:
    """Who exports when no staff member does (``manage.py report`` without ``--as-user``):
    every object, no permission check, no name on the report. The only way to skip the
    check is to pass this object; ``None`` is refused."""

    def __repr__(self):
        return "SYSTEM"


SYSTEM = SystemExport()


# WeasyPrint (Pango, GLib) is not thread-safe: two reports rendered at once in one process
# (runserver, a threaded worker) corrupted memory. One at a time, per process.
_RENDERING = threading.Lock()


def _site_static_url():
    return f"{settings.SITE_URL}/{settings.STATIC_URL.lstrip('/')}"


@cache
def _weasyprint():
    """WeasyPrint and what every report shares, made once per process: the fonts (found and
    loaded once, not per report), the parsed print stylesheet, the decoded images (the EU
    emblem is read once, not per report) and the fetcher of the portal's own static files."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        """Only the portal's own static files (the emblem), read from disk; nothing else is
        fetched, whatever a text might try (``file:///etc/passwd``, another server)."""

        def fetch(self, url, headers=None):
            folder = (settings.BASE_DIR / "static").resolve()
            if not url.startswith(_site_static_url()):
                raise ValueError(f"Reports fetch only the portal's static files, not {url[:100]}")
            path = (folder / unquote(url.removeprefix(_site_static_url()))).resolve()
            if not path.is_relative_to(folder) or not path.is_file():
                raise ValueError(f"No static file {path.name}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    fonts = FontConfiguration()
    fetcher = StaticFilesOnly()
    stylesheet = weasyprint.CSS(filename=str(PRINT_STYLESHEET), font_config=fonts)
    return weasyprint, fetcher, {"stylesheets": [stylesheet], "font_config": fonts, "cache": {}}


def render_pdf(html):
    """Render report HTML to a tagged A4 PDF (metadata from the HTML head). Relative links
    lead to the portal (``SITE_URL``), not to files on the server."""
    with _RENDERING:
        weasyprint, fetcher, shared = _weasyprint()
        document = weasyprint.HTML(string=html, base_url=_site_static_url(), url_fetcher=fetcher)
        return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, **shared)


class Report:
    """One PDF document about one object.

    Subclasses set ``kind`` (as listed in their app's ``reports``), ``name``, ``template_name``,
    ``file_label`` (a lazy, translated word for the file name, e.g. "hankeraportti") and
    ``permission``, and implement ``report_queryset()`` (every object it may be made of),
    ``scope(queryset, user)`` (those ``user`` may export) and ``get_context()``.
    """

    kind = None
    name = None  # what staff call it: "Project report"
    template_name = None
    file_label = None
    permission = None
    confidential = False

    def __init__(self, obj, *, user, language=None):
        self.object = obj
        self.user = user
        self.language = language or settings.LANGUAGE_CODE
        self.exported_at = timezone.localtime()

    # -- finding the object, with the permission check written once ---------
    @classmethod
    def report_queryset(cls):
        raise NotImplementedError

    @classmethod
    def scope(cls, queryset, user):
        raise NotImplementedError

    @classmethod
    def get_queryset(cls, user):
        """The objects ``user`` may export: a staff user, or ``SYSTEM`` for all of them."""
        if user is SYSTEM:
            return cls.report_queryset()
        if user is None or not user.is_authenticated:
            raise PermissionDenied("A report needs a signed-in user, or SYSTEM for a system export.")
        return cls.scope(cls.report_queryset(), user)

    @classmethod
    def lookup(cls, value):
        """How a slug or id on the command line or in a URL finds the object."""
        value = str(value)
        if value.isdigit() and len(value) <= 15:
            return {"pk": int(value)}
        model = cls.report_queryset().model
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
        if user is not SYSTEM and not user.has_perm(cls.permission, obj):
            raise PermissionDenied
        return cls(obj, user=user, language=language)

    @classmethod
    def for_system(cls, value, *, language=None):
        return cls.for_user(SYSTEM, value, language=language)

    @property
    def actor(self):
        """The staff member the export is logged for (None for a system export)."""
        return None if self.user is SYSTEM else self.user

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

    def render_html(self):
        with translation.override(self.language):
            context = {
                "report": self,
                "object": self.object,
                "title": self.title(),
                "project": self.project(),
                "exported_at": self.exported_at,
                "language": self.language,
                **self.get_context(),
            }
            return render_to_string(self.template_name, context)

    def render(self):
        pdf = render_pdf(self.render_html())
        self.on_export()
        return pdf

    def filename(self):
        """``kainuu-seminaariraportti-kevatseminaari-2026-12-05.pdf``: the project, the kind,
        what the report is of (``file_subject``) and the day."""
        with translation.override(self.language):
            parts = [getattr(self.project(), "slug", ""), str(self.file_label), self.file_subject()]
        return f"{slugify('-'.join(part for part in parts if part))}-{self.exported_at:%Y-%m-%d}.pdf"

    def file_subject(self):
        """The object in the file name, unless it is the project: its slug, or its id."""
        if self.object == self.project():
            return ""
        return getattr(self.object, "slug", None) or str(self.object.pk)


@cache
def report_classes():
    """``{"project": ProjectReport, …}`` from every app's config."""
    classes = {}
    for app_config in apps.get_app_configs():
        for kind, path in getattr(app_config, "reports", {}).items():
            report_class = import_string(path)
            if report_class.kind != kind:
                raise ValueError(f"{path}.kind is {report_class.kind!r}, listed as {kind!r} in {app_config.name}")
            classes[kind] = report_class
    return classes
