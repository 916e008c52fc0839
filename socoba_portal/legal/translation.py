from modeltranslation.translator import TranslationOptions, register

from .models import AccessibilityStatement, PrivacyNotice


@register(AccessibilityStatement)
class AccessibilityStatementTranslation(TranslationOptions):
    fields = ("service_name", "known_gaps", "assessment_method", "authority_name", "authority_unit")
    required_languages = ("fi",)


@register(PrivacyNotice)
class PrivacyNoticeTranslation(TranslationOptions):
    fields = ("title", "body", "controller")
    required_languages = ("fi",)
