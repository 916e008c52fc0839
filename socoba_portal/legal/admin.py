from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import AccessibilityStatement, PrivacyNotice


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(TranslationAdmin):
    list_display = ["service_name", "compliance", "assessed_on", "reviewed_on"]


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(TranslationAdmin):
    list_display = ["title", "reviewed_on"]
