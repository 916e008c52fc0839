"""Visitor-facing content in Finnish (required), Swedish and English, falling
back to Finnish (django-modeltranslation). Students themselves are never public."""

from modeltranslation.translator import TranslationOptions, register

from .models import Cohort, Course, ThesisTopic


class FinnishRequired(TranslationOptions):
    required_languages = ("fi",)


@register(Cohort)
class CohortTranslation(FinnishRequired):
    fields = ("name", "degree", "start_term", "teaching_location")


@register(Course)
class CourseTranslation(FinnishRequired):
    fields = ("name",)


@register(ThesisTopic)
class ThesisTopicTranslation(FinnishRequired):
    fields = ("title", "description")
