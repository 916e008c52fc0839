"""What is not translated yet: a column and a filter for translated models in the admin."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != DEFAULT_LANGUAGE]


def translated_fields(model):
    return sorted(translator.get_options_for_model(model).all_fields)


def _filled(field):
    return ~Q(**{f"{field}__isnull": True}) & ~Q(**{field: ""})


def missing_in(model, language):
    """Rows with Finnish text in some field that has no text in ``language``."""
    conditions = [
        _filled(f"{field}_{DEFAULT_LANGUAGE}") & ~_filled(f"{field}_{language}")
        for field in translated_fields(model)
    ]
    return reduce(or_, conditions)


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing translation")
    parameter_name = "missing_translation"

    def lookups(self, request, model_admin):
        return [(code, name) for code, name in settings.LANGUAGES if code in OTHER_LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in OTHER_LANGUAGES:
            return queryset.filter(missing_in(queryset.model, self.value()))
        return queryset


class MissingTranslationsMixin:
    """Add ``missing_translations`` to list_display and ``MissingTranslationFilter`` to list_filter."""

    @admin.display(description=_("missing translations"))
    def missing_translations(self, obj):
        missing = []
        for language in OTHER_LANGUAGES:
            fields = [
                str(obj._meta.get_field(field).verbose_name)
                for field in translated_fields(type(obj))
                if getattr(obj, f"{field}_{DEFAULT_LANGUAGE}") and not getattr(obj, f"{field}_{language}")
            ]
            if fields:
                missing.append(f"{language}: {', '.join(fields)}")
        return "; ".join(missing) or "–"
