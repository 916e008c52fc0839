"""Access logging of personal data (Act 906/2019 §17), in bulk.

auditlog's ``accessed`` signal writes one row per call; a list or an export of a
thousand people would then cost a thousand INSERTs. This writes the same ACCESS
entries in one INSERT, with the actor given explicitly (bulk_create sends no
signals, so auditlog's middleware cannot fill it in).
"""

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.encoding import smart_str

# The signed-in user of the request being served, as auditlog's middleware records it.
FROM_REQUEST = object()


def log_access_many(instances, *, actor=FROM_REQUEST):
    """``actor``: who saw the data; by default the user and address of the request being
    served, ``None`` for a system export. An explicit actor never takes the request's
    context: auditlog never clears it, so a system export made after a request in the same
    thread would otherwise be logged as that request's user."""
    instances = list(instances)
    if not instances:
        return []
    content_type = ContentType.objects.get_for_model(type(instances[0]))
    context = {}
    if actor is FROM_REQUEST:
        context = auditlog_value.get({})
        actor = context.get("actor")
    now = timezone.now()
    entries = [
        LogEntry(
            content_type=content_type,
            object_pk=str(instance.pk),
            object_id=instance.pk if isinstance(instance.pk, int) else None,
            object_repr=smart_str(instance),
            action=LogEntry.Action.ACCESS,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_email=getattr(actor, "email", None),
            remote_addr=context.get("remote_addr"),
            cid=get_cid(),
            timestamp=now,
        )
        for instance in instances
    ]
    return LogEntry.objects.bulk_create(entries)
