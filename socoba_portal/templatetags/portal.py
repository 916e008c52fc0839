"""Template helpers every app's pages share: formats and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from socoba_portal import formatting

register = template.Library()


@register.filter
def money(value):
    return formatting.format_money(value)


@register.filter
def percent(value):
    return formatting.format_percent(value)


@register.simple_tag
def period(start, end):
    return formatting.format_period(start, end)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in every language: for the switcher and hreflang links."""
    request = context["request"]
    path = request.get_full_path()
    current = translation.get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            native_name = translation.get_language_info(code)["name_local"]
        versions.append(
            {
                "code": code,
                "name": native_name,
                "url": translate_url(path, code),
                "absolute_url": request.build_absolute_uri(translate_url(path, code)),
                "is_current": code == current,
                "label": name,
            }
        )
    return versions
