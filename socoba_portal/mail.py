"""Every mail the portal sends leaves the request through one task, ``deliver_mail``.

A mail is built after the transaction commits (so it reflects what was saved, and a
registration anonymised or deleted meanwhile gets nothing), then queued as plain JSON
fields for the task worker (``manage.py db_worker``). While the mail relay is down the
task re-queues itself with exponential back-off (``MAIL_MAX_ATTEMPTS`` attempts, the
first retry after ``MAIL_RETRY_DELAY_SECONDS``, each wait twice the one before), and
finally logs a warning that names only the kind of mail, the object and the error class:
never an address, a name or the text. The page a visitor sees depends only on what was
saved: neither building, queueing nor sending a mail can turn it into an error page.

A queued task row holds the whole message, recipient included, until it is deleted:
``forget_mail_about()`` deletes the rows (waiting, retrying or finished) of the mail about
objects that are erased or deleted, so no address outlives its person.
"""

import base64
import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# The relay is down, slow or refuses for now: worth another try later.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError)


def send_after_commit(build, *, kind, object_id=None):
    """After the current transaction commits, call ``build()`` for the message (an
    ``EmailMessage``, or ``None`` when there is nothing to send) and queue it.

    ``kind`` and ``object_id`` identify the mail in the logs ("seminars.confirmed", 42);
    they must carry no personal data. An error while building or queueing is logged
    (``robust``) and never reaches the visitor."""
    transaction.on_commit(lambda: _queue(build(), kind=kind, object_id=object_id), robust=True)


def _queue(message, *, kind, object_id):
    if message is None:
        return
    deliver_mail.enqueue(message_to_json(message), kind=kind, object_id=object_id)


def forget_mail_about(app_label, object_ids):
    """Delete the queued and finished ``deliver_mail`` task rows of the mail about the
    objects ``object_ids`` of the app ``app_label`` (their ``kind`` is "<app_label>.…").
    Returns how many rows were deleted. A mail being sent right now still goes out."""
    object_ids = {str(object_id) for object_id in object_ids}
    if not object_ids:
        return 0
    # JSON lookups differ between SQLite and PostgreSQL: the kwargs are matched here.
    rows = DBTaskResult.objects.filter(task_path=deliver_mail.module_path).values_list("pk", "args_kwargs")
    prefix = f"{app_label}."
    doomed = [
        pk
        for pk, args_kwargs in rows.iterator()
        if _is_mail_about(args_kwargs.get("kwargs", {}), prefix, object_ids)
    ]
    deleted, _by_model = DBTaskResult.objects.filter(pk__in=doomed).delete()
    return deleted


def _is_mail_about(kwargs, prefix, object_ids):
    return str(kwargs.get("kind", "")).startswith(prefix) and str(kwargs.get("object_id")) in object_ids


def retry_delay(attempt):
    """Seconds to wait after failed attempt number ``attempt`` (1, 2, …): 4, 8, 16, 32 min."""
    return settings.MAIL_RETRY_DELAY_SECONDS * 2 ** (attempt - 1)


@task
def deliver_mail(message, *, kind, object_id=None, attempt=1):
    """Send one queued message; on a relay error queue the next attempt, or give up
    with a warning after ``MAIL_MAX_ATTEMPTS``. Returns "sent", "retrying" or "failed"."""
    try:
        message_from_json(message).send()
    except TRANSIENT_ERRORS as error:
        backend = deliver_mail.get_backend()
        if attempt < settings.MAIL_MAX_ATTEMPTS and backend.supports_defer:
            run_after = timezone.now() + datetime.timedelta(seconds=retry_delay(attempt))
            deliver_mail.using(run_after=run_after).enqueue(
                message, kind=kind, object_id=object_id, attempt=attempt + 1
            )
            logger.info(
                "Mail kind=%s object=%s attempt=%d failed (%s); retrying after %s",
                kind,
                object_id,
                attempt,
                type(error).__name__,
                run_after.isoformat(),
            )
            return "retrying"
        logger.warning(
            "Mail kind=%s object=%s not sent: gave up after attempt %d (%s)",
            kind,
            object_id,
            attempt,
            type(error).__name__,
        )
        return "failed"
    return "sent"


def message_to_json(message):
    """The fields of an ``EmailMessage`` as JSON for the task queue; attachments are
    kept (text as is, bytes in base64), so the ``.ics`` survives the trip."""
    attachments = []
    for filename, content, mimetype in message.attachments:
        if isinstance(content, bytes):
            attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype, "base64"])
        else:
            attachments.append([filename, content, mimetype, "text"])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "content_subtype": message.content_subtype,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def message_from_json(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype, encoding in data["attachments"]:
        message.attach(filename, base64.b64decode(content) if encoding == "base64" else content, mimetype)
    return message
