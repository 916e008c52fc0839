"""Report exports that run in the background (Django's Tasks framework with the
django-tasks-db backend), with their progress visible to the staff member.

A report file may list people, so it is not kept: it expires after
``REPORT_EXPORT_RETENTION_DAYS``, and it is deleted as soon as a person it lists is
erased (the export records the object it was made of, e.g. the cohort).
"""

import datetime
import os
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REPORTS_FOLDER = "reports"


class PrivateStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT``, read when used (not when the model is defined),
    so a changed setting, as in tests, moves the files with it."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage():
    """Exported reports may be confidential: never under the public MEDIA_URL."""
    return PrivateStorage()


def delete_unlisted_report_files(older_than=datetime.timedelta(hours=1)):
    """Delete report files no export lists any more (an export deleted with its user, a
    task that finished after its export was erased), once ``older_than`` old: a file
    younger than that may belong to a task that is saving its export right now."""
    storage = private_storage()
    if not storage.exists(REPORTS_FOLDER):
        return 0
    listed = set(ReportExport.objects.exclude(file="").values_list("file", flat=True))
    cutoff = timezone.now() - older_than
    deleted = 0
    for name in storage.listdir(REPORTS_FOLDER)[1]:
        path = f"{REPORTS_FOLDER}/{name}"
        if path not in listed and storage.get_modified_time(path) < cutoff:
            storage.delete(path)
            deleted += 1
    return deleted


class ReportExportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if user.is_superuser else self.filter(requested_by=user)

    def expired(self, now=None):
        """Made more than ``REPORT_EXPORT_RETENTION_DAYS`` ago."""
        days = settings.REPORT_EXPORT_RETENTION_DAYS
        return self.filter(created_at__lt=(now or timezone.now()) - datetime.timedelta(days=days))

    def covering(self, objects):
        """The exports made of any of ``objects``, and those that do not record what
        they were made of (they might list anyone)."""
        pks_by_type = {}
        for obj in objects:
            pks_by_type.setdefault(ContentType.objects.get_for_model(obj), set()).add(obj.pk)
        made_of = [Q(subject_type=content_type, subject_id__in=pks) for content_type, pks in pks_by_type.items()]
        return self.filter(reduce(or_, made_of, Q(subject_type__isnull=True)))

    def delete_with_files(self):
        """Delete the exports and their files; returns how many exports were deleted."""
        exports = list(self)
        for export in exports:
            export.file.delete(save=False)
        self.model.objects.filter(pk__in=[export.pk for export in exports]).delete()
        return len(exports)


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
    # What the report was made of (a cohort, an event…): erasing a person it lists deletes it.
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("made of (type)"), on_delete=models.CASCADE, null=True, blank=True
    )
    subject_id = models.PositiveBigIntegerField(_("made of (id)"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    file = models.FileField(_("file"), storage=private_storage, upload_to=f"{REPORTS_FOLDER}/", blank=True)
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
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="reportexport_subject"),
            models.Index(fields=["created_at"], name="reportexport_created_at"),
        ]

    def __str__(self):
        return f"{self.object_label} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("report_export_download", kwargs={"pk": self.pk})
