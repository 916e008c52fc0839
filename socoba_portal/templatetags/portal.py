"""Template helpers every app's pages share: formats, the language switcher, the navigation."""

import json
from functools import lru_cache

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse, translate_url
from django.utils import html, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from socoba_portal import formatting

register = template.Library()


@register.filter
def money(value):
    return formatting.format_money(value)


@register.filter
def percent(value):
    return formatting.format_percent(value)


def time_element(moment, text):
    """``<time>``: machine-readable, and kept on one line by the style sheet (never a date
    broken across lines)."""
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(), text)


@register.simple_tag
def period(start, end):
    """The period with each date in its own ``<time>``; a line may break only between them."""
    if not start and not end:
        return ""
    start_text, separator, end_text = formatting.period_parts(start, end)
    return format_html(
        "{}{}{}",
        time_element(start, start_text) if start else "",
        separator,
        time_element(end, end_text) if end else "",
    )


def _absolute(request, url=None):
    """``request.build_absolute_uri``, or the path alone when the Host header is not ours:
    the 400 page that answers such a request must not fail on the same header."""
    try:
        return request.build_absolute_uri(url)
    except DisallowedHost:
        return url or request.get_full_path()


@register.simple_tag(takes_context=True)
def absolute_uri(context):
    return _absolute(context["request"])


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in every language: for the switcher and hreflang links."""
    request = context["request"]
    # An address that matches no page (a 404) has no other-language version: offer the front page.
    has_page = getattr(request, "resolver_match", None) is not None
    path, _, query = request.get_full_path().partition("?")
    current = translation.get_language()
    versions = []
    for code, name, label, url in _language_urls(path, current, has_page):
        url = f"{url}?{query}" if query and has_page else url
        versions.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": _absolute(request, url),
                "is_current": code == current,
                "label": label,
            }
        )
    return versions


@lru_cache(maxsize=4096)
def _language_urls(path, current, has_page):
    """``(code, native name, label, path)`` of ``path`` in every language. The same for a
    path until the URLs change, which needs a new process: worked out once per path."""
    urls = []
    for code, label in settings.LANGUAGES:
        with translation.override(code):
            native_name = translation.get_language_info(code)["name_local"]
            home = reverse("projects:home")
        # translate_url resolves the path in the current language, so outside the override.
        with translation.override(current):
            urls.append((code, native_name, label, translate_url(path, code) if has_page else home))
    return tuple(urls)


@register.simple_tag(takes_context=True)
def aria_current(context, page_view, *section_views):
    """`` aria-current="page"`` on a navigation link to the current page, `` aria-current="true"``
    on the link of the section the current page is in (one of ``section_views``), else nothing."""
    match = getattr(context.get("request"), "resolver_match", None)
    if match is None:
        return ""
    if match.view_name == page_view:
        return mark_safe(' aria-current="page"')
    if match.view_name in section_views:
        return mark_safe(' aria-current="true"')
    return ""


@register.simple_tag
def content(obj, field, linebreaks=False, truncate=None):
    """A translated content field; text that falls back to Finnish is marked
    ``lang="fi"`` so that screen readers pronounce it right."""
    value = getattr(obj, field) or ""
    language = translation.get_language() or settings.LANGUAGE_CODE
    own_value = getattr(obj, f"{field}_{language.replace('-', '_')}", value)
    if truncate:
        value = Truncator(value).words(int(truncate))
    # linebreaks() escapes the text itself, escape() returns safe text.
    text = mark_safe(html.linebreaks(value, autoescape=True)) if linebreaks else html.escape(value)  # noqa: S308
    if value and not own_value:
        tag = "div" if linebreaks else "span"
        return format_html('<{} lang="{}">{}</{}>', tag, settings.MODELTRANSLATION_DEFAULT_LANGUAGE, text, tag)
    return text


@register.filter
def jsonld(data):
    """``<script type="application/ld+json">`` with <, > and & escaped, like json_script."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(
        {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


OPEN_GRAPH_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


@register.simple_tag
def og_locale():
    return OPEN_GRAPH_LOCALES.get(translation.get_language(), "fi_FI")


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, page_obj, label, param="page"):
    """A paginated list's navigation: previous and next, the first and last pages and those
    around the current one (``Paginator.get_elided_page_range``), the current one marked
    ``aria-current="page"``. Other query parameters (filters, another list's page) are kept;
    page 1 has no parameter, so that it has a single address. ``label`` names the navigation
    landmark (two lists on a page need two names)."""
    request = context["request"]

    def href(number):
        query = request.GET.copy()
        query.pop(param, None)
        if number != 1:
            query[param] = number
        return f"{request.path}?{query.urlencode()}" if query else request.path

    paginator = page_obj.paginator
    pages = [
        {
            "number": number,
            "href": href(number) if number != paginator.ELLIPSIS else "",
            "current": number == page_obj.number,
        }
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]
    return {
        "page_obj": page_obj,
        "label": label,
        "pages": pages,
        "previous": href(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next": href(page_obj.next_page_number()) if page_obj.has_next() else "",
    }
