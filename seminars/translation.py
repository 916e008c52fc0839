"""Visitor-facing event content in Finnish (the title is required), Swedish and
English, falling back to Finnish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, Material, ProgrammeItem


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "series_name", "description", "venue", "cancellation_reason")
    required_languages = {"fi": ("title",), "default": ()}


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"fi": ("title",), "default": ()}


@register(Material)
class MaterialTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"fi": ("title",), "default": ()}
