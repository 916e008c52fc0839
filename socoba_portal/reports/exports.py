"""Large reports, made in the background by the task worker (``manage.py db_worker``);
the staff member follows them under "Report exports" in the admin."""

import io
import time

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from pypdf import PdfReader

from ..models import ReportExport
from .rendering import report_classes


def queue_export(report, value):
    """Make ``report`` in the background, as its staff member (never a system export). The
    same report asked for again while it is still being made is not queued twice (fifteen
    clicks made fifteen exports and held the mail up behind them)."""
    pending = ReportExport.objects.filter(
        requested_by=report.actor,
        kind=report.kind,
        object_value=str(value),
        language=report.language,
        status__in=[ReportExport.Status.QUEUED, ReportExport.Status.RUNNING],
    ).first()
    if pending is not None:
        return pending
    export = ReportExport.objects.create(
        requested_by=report.actor,
        kind=report.kind,
        object_value=str(value),
        object_label=report.title(),
        subject=report.object,
        language=report.language,
    )
    transaction.on_commit(lambda: render_report_export.enqueue(export.pk))
    return export


@task
def render_report_export(export_id):
    export = ReportExport.objects.select_related("requested_by").get(pk=export_id)
    export.status = ReportExport.Status.RUNNING
    export.save(update_fields=["status"])
    started = time.monotonic()
    try:
        report_class = report_classes()[export.kind]
        # The permission is checked again: the staff member's roles may have changed meanwhile.
        report = report_class.for_user(export.requested_by, export.object_value, language=export.language)
        pdf = report.render()
    except Exception as error:  # the staff member sees why, instead of a report that never comes
        export.status = ReportExport.Status.FAILED
        export.error = f"{type(error).__name__}: {error}"
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        raise
    export.file.save(report.filename(), ContentFile(pdf), save=False)
    finished = ReportExport.objects.filter(pk=export.pk).update(
        file=export.file.name,
        pages=len(PdfReader(io.BytesIO(pdf)).pages),
        seconds=round(time.monotonic() - started, 2),
        status=ReportExport.Status.DONE,
        finished_at=timezone.now(),
    )
    if not finished:
        # A person in the report was erased while it was being made: no copy may stay.
        export.file.delete(save=False)


def may_download(export, user):
    """Whether ``user`` may still have this background report: the permission is checked
    again at every download, since the requester's roles may have changed (a student-data
    officer removed from the project no longer gets the cohort report made for them)."""
    report_class = report_classes().get(export.kind)
    if report_class is None:
        return False
    try:
        report_class.for_user(user, export.object_value)
    except (ObjectDoesNotExist, PermissionDenied):
        return False
    return True
