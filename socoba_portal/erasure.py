"""Erasure that leaves no copy: what anonymising a person does beyond their own rows.

At write time the audit trail and the admin's history hold no personal value: the
models' ``__str__`` (stored as ``object_repr``) is pseudonymous and the personal
fields are masked or left out of auditlog's ``changes``. When a person is erased,
``erase_copies()`` also scrubs the entries written before that, deletes the queued
and sent mail addressed to them, and the background report files that list them.
The domain apps call it from their one anonymisation path (admin action and commands
alike); this module knows no domain app.
"""

import json
from collections import defaultdict

from auditlog.models import LogEntry as AuditLogEntry
from auditlog.registry import auditlog
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.encoding import smart_str
from import_export.tmp_storages import MediaStorage

from .mail import forget_mail_about
from .models import ReportExport, private_storage

ERASED = "–"
REDACTED = "[redacted]"
# The values auditlog writes for "no value" (``smart_str(None)``, an empty field).
EMPTY_VALUES = {"", "None"}


def redact(value):
    """auditlog's mask for personal fields: even a part of the value could identify the person."""
    return value if smart_str(value) in EMPTY_VALUES else REDACTED


def personal_fields(model):
    """The fields the audit trail masks or leaves out: the model's personal data."""
    if not auditlog.contains(model):
        return set()
    fields = auditlog.get_model_fields(model)
    return {*fields["mask_fields"], *fields["exclude_fields"]}


def erase_copies(people, *, covering=()):
    """Scrub the history of ``people`` (model instances, already anonymised) and delete
    the background report exports of ``covering`` (the objects whose reports list them)."""
    scrub_history(people)
    forget_mail_to(people)
    ReportExport.objects.covering(covering).delete_with_files()


def forget_mail_to(people):
    """Delete the task rows of the mail about ``people``: each holds the address and the text."""
    ids_by_app = defaultdict(set)
    for person in people:
        ids_by_app[person._meta.app_label].add(person.pk)
    for app_label, object_ids in ids_by_app.items():
        forget_mail_about(app_label, object_ids)


def scrub_history(instances):
    """Rewrite the audit trail's and the admin history's entries of ``instances`` so that
    they carry no personal value: the representation is the object's current, anonymised
    ``__str__``, personal fields' changes are redacted, related objects named in the
    admin's change messages are replaced by a placeholder."""
    by_model = defaultdict(dict)
    for instance in instances:
        by_model[type(instance)][str(instance.pk)] = smart_str(instance)
    for model, representations in by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        kept = {field.name for field in model._meta.concrete_fields} - personal_fields(model)
        _scrub_audit_trail(content_type, representations, kept)
        _scrub_admin_history(content_type, representations)


def _scrub_audit_trail(content_type, representations, kept):
    entries = list(AuditLogEntry.objects.filter(content_type=content_type, object_pk__in=representations))
    for entry in entries:
        entry.object_repr = representations[entry.object_pk]
        entry.changes = _redacted_changes(entry.changes, kept)
        entry.changes_text = ""
        entry.serialized_data = None
    AuditLogEntry.objects.bulk_update(entries, ["object_repr", "changes", "changes_text", "serialized_data"])


def _redacted_changes(changes, kept):
    """Only the values of the model's non-personal fields stay: a personal field's, and
    that of a field the model no longer has (it might have been personal), are redacted."""
    if not isinstance(changes, dict):
        return None
    return {
        field: values if field in kept else [redact(value) for value in values]
        for field, values in changes.items()
        if field in kept or isinstance(values, list)  # e.g. an m2m change of an unknown field goes
    }


def _scrub_admin_history(content_type, representations):
    entries = list(AdminLogEntry.objects.filter(content_type=content_type, object_id__in=representations))
    for entry in entries:
        entry.object_repr = representations[entry.object_id]
        entry.change_message = _scrubbed_change_message(entry.change_message)
    AdminLogEntry.objects.bulk_update(entries, ["object_repr", "change_message"])


def _scrubbed_change_message(change_message):
    """The admin stores inline objects' ``__str__`` in the message (“Changed title for thesis
    “…””): an older, personal representation is replaced by the placeholder."""
    try:
        messages = json.loads(change_message)
    except (TypeError, ValueError):
        return change_message  # a plain message written by code (e.g. “Added through import_export”)
    if not isinstance(messages, list):
        return change_message
    for message in messages:
        for detail in message.values() if isinstance(message, dict) else ():
            if isinstance(detail, dict) and "object" in detail:
                detail["object"] = ERASED
    return json.dumps(messages, ensure_ascii=False)


# Import files awaiting confirmation (django-import-export) -----------------------------


class PrivateImportStorage(MediaStorage):
    """An uploaded import file between preview and confirmation: in private storage
    (never under MEDIA_URL), where ``discard_pending_imports()`` finds what was never
    confirmed."""

    folder = "import-pending"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.MEDIA_FOLDER = self.folder

    def _configure_storage(self):
        self._storage = private_storage()


def discard_pending_imports(older_than=None):
    """Delete import files awaiting confirmation: all of them (an erasure: any may name
    the person), or those ``older_than`` a timedelta (previews never confirmed).
    Returns how many were deleted."""
    storage = private_storage()
    folder = PrivateImportStorage.folder
    if not storage.exists(folder):
        return 0
    cutoff = timezone.now() - older_than if older_than is not None else None
    deleted = 0
    for name in storage.listdir(folder)[1]:
        path = f"{folder}/{name}"
        if cutoff is None or storage.get_modified_time(path) < cutoff:
            storage.delete(path)
            deleted += 1
    return deleted
