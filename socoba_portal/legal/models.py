"""The accessibility statement (Act 306/2019) and the privacy notice, edited by
administrators in three languages and linked from every page's footer."""

import datetime

from auditlog.registry import auditlog
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..validators import validate_sensible_date

REVIEW_INTERVAL = datetime.timedelta(days=365)


class AccessibilityStatement(models.Model):
    class Compliance(models.TextChoices):
        FULL = "full", _("The service meets the critical requirements of WCAG 2.1 AA.")
        PARTIAL = "partial", _("The service partially meets the requirements of WCAG 2.1 AA.")
        NONE = "none", _("The service does not meet the requirements of WCAG 2.1 AA.")

    service_name = models.CharField(_("service name"), max_length=200)
    compliance = models.CharField(_("compliance status"), max_length=10, choices=Compliance)
    known_gaps = models.TextField(_("inaccessible content and why"), blank=True)
    assessed_on = models.DateField(_("date of the assessment"), validators=[validate_sensible_date])
    assessment_method = models.TextField(_("how the assessment was made"))
    prepared_on = models.DateField(_("date the statement was prepared"), validators=[validate_sensible_date])
    reviewed_on = models.DateField(
        _("date the statement was last reviewed"),
        validators=[validate_sensible_date],
        help_text=_("Review yearly."),
    )
    feedback_email = models.EmailField(
        _("feedback address"), help_text=_("Feedback from the form is emailed here and answered within 14 days.")
    )
    authority_name = models.CharField(_("supervising authority"), max_length=200)
    authority_unit = models.CharField(_("unit"), max_length=200, blank=True)
    authority_website = models.URLField(_("website"), blank=True)
    authority_email = models.EmailField(_("email"), blank=True)
    authority_phone = models.CharField(_("phone"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
        ordering = ["-reviewed_on"]

    def __str__(self):
        return f"{self.service_name} ({self.reviewed_on:%d.%m.%Y})"

    @classmethod
    def current(cls):
        return cls.objects.first()

    def is_overdue(self, today=None):
        return (today or timezone.localdate()) - self.reviewed_on > REVIEW_INTERVAL


class PrivacyNotice(models.Model):
    """The privacy notice (tietosuojaseloste) for registrations and student data."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Paragraphs separated by an empty line."))
    controller = models.TextField(_("controller and contact"))
    data_protection_officer = models.TextField(_("data protection officer's contact"), blank=True)
    reviewed_on = models.DateField(_("date of the notice"), validators=[validate_sensible_date])
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        ordering = ["-reviewed_on"]

    def __str__(self):
        return self.title

    @classmethod
    def current(cls):
        return cls.objects.first()


auditlog.register(AccessibilityStatement)
auditlog.register(PrivacyNotice)
