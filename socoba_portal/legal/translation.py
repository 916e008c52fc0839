from modeltranslation.translator import TranslationOptions, register

from .models import AccessibilityStatement, PrivacyNotice


@register(AccessibilityStatement)
class AccessibilityStatementTranslation(TranslationOptions):
    fields = (
        "service_name",
        "known_gaps",
        "assessment_method",
        "authority_name",
        "authority_unit",
        # Each language links the supervisor's page in that language.
        "authority_website",
    )
    required_languages = ("fi",)


@register(PrivacyNotice)
class PrivacyNoticeTranslation(TranslationOptions):
    fields = ("title", "body", "controller", "data_protection_officer")
    required_languages = ("fi",)
