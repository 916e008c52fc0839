"""Report exports that run in the background (Django's Tasks framework with the
django-tasks-db backend), with their progress visible to the staff member."""

import datetime

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Exported reports may be confidential: never under the public MEDIA_URL."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class ReportExportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if user.is_superuser else self.filter(requested_by=user)

    def expired(self, now=None):
        """Made more than REPORT_EXPORT_RETENTION_DAYS ago (the privacy notice promises it)."""
        now = now or timezone.now()
        return self.filter(created_at__lt=now - datetime.timedelta(days=settings.REPORT_EXPORT_RETENTION_DAYS))


class ReportExport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("report"), max_length=30)
    object_value = models.CharField(_("object"), max_length=100)
    object_label = models.CharField(_("of"), max_length=300)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    file = models.FileField(_("file"), storage=private_storage, upload_to="reports/", blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ReportExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.object_label} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("report_export_download", kwargs={"pk": self.pk})
