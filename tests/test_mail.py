"""The one way mail leaves the portal (``socoba_portal.mail``): after commit, through
the task queue, retried with back-off while the relay is down, and finally logged
without personal data."""

import datetime
import json
import logging
import socket
import time

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone

from socoba_portal.mail import deliver_mail, message_from_json, message_to_json, retry_delay, send_after_commit

pytestmark = pytest.mark.django_db


def _message():
    message = EmailMessage(
        subject="Aihe", body="Runko", to=["vastaanottaja@example.org"], reply_to=["r@example.org"]
    )
    message.attach("tapahtuma.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.attach("liite.bin", b"\x00\xff\x10", "application/octet-stream")
    return message


def test_a_message_survives_the_queue_with_its_attachments():
    data = json.loads(json.dumps(message_to_json(_message())))
    message = message_from_json(data)
    assert (message.subject, message.body, message.to, message.reply_to) == (
        "Aihe",
        "Runko",
        ["vastaanottaja@example.org"],
        ["r@example.org"],
    )
    assert message.attachments[0] == ("tapahtuma.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    assert message.attachments[1] == ("liite.bin", b"\x00\xff\x10", "application/octet-stream")


def test_nothing_is_queued_before_the_transaction_commits(mail_queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_after_commit(_message, kind="test.kind", object_id=1)
    assert mail_queue.waiting() == []
    callbacks[0]()
    (queued,) = mail_queue.waiting()
    assert queued.task_result.kwargs == {"kind": "test.kind", "object_id": 1}
    assert not mail.outbox
    assert mail_queue.run() == 1
    assert mail.outbox[0].subject == "Aihe"


def test_nothing_to_send_queues_nothing(mail_queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(lambda: None, kind="test.kind")
    assert mail_queue.waiting() == []


def test_a_failing_build_never_reaches_the_caller(mail_queue, django_capture_on_commit_callbacks, caplog):
    def broken():
        raise ValueError("template bug")

    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(broken, kind="test.kind")  # no exception here
    assert mail_queue.waiting() == []
    assert "template bug" in caplog.text


def test_back_off_doubles_and_spans_about_an_hour(settings):
    assert [retry_delay(attempt) for attempt in range(1, 5)] == [240, 480, 960, 1920]
    assert sum(retry_delay(attempt) for attempt in range(1, settings.MAIL_MAX_ATTEMPTS)) == 3600


def test_relay_down_retries_later_then_gives_up_with_a_warning_without_personal_data(
    mail_queue, relay_down, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(_message, kind="test.kind", object_id=7)
    before = timezone.now()
    mail_queue.run()
    (retry,) = mail_queue.waiting()
    assert retry.task_result.kwargs["attempt"] == 2
    assert retry.run_after >= before + datetime.timedelta(seconds=240)
    assert mail_queue.ready() == []  # not before its time

    with caplog.at_level(logging.INFO, logger="socoba_portal.mail"):
        mail_queue.run_all_retries()
    assert not mail.outbox
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert [record.getMessage() for record in warnings] == [
        "Mail kind=test.kind object=7 not sent: gave up after attempt 5 (ConnectionRefusedError)"
    ]
    assert "example.org" not in caplog.text and "Runko" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_command_sends_queued_mail(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_after_commit(_message, kind="test.kind")  # autocommit: queued at once
    assert not mail.outbox
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [message.to for message in mail.outbox] == [["vastaanottaja@example.org"]]
    assert mail.outbox[0].attachments[0][0] == "tapahtuma.ics"


def test_without_a_deferring_backend_a_failure_is_logged_at_once(relay_down, caplog):
    # The test settings' ImmediateBackend cannot defer: no retry, a warning.
    assert deliver_mail.call(message_to_json(_message()), kind="test.kind", object_id=3) == "failed"
    assert "gave up after attempt 1 (ConnectionRefusedError)" in caplog.text


def test_a_relay_that_never_answers_times_out_and_is_retried(
    settings, mail_queue, django_capture_on_commit_callbacks
):
    """A relay that accepts the connection and then says nothing must not hold the worker."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # the kernel accepts; nobody ever sends the SMTP greeting
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": silent.getsockname()[1], "timeout": 1},
        }
    }
    try:
        with django_capture_on_commit_callbacks(execute=True):
            send_after_commit(_message, kind="test.kind", object_id=8)
        started = time.monotonic()
        mail_queue.run()
        assert time.monotonic() - started < 10
        (retry,) = mail_queue.waiting()
        assert retry.task_result.kwargs["attempt"] == 2
    finally:
        silent.close()


def test_production_mail_has_a_timeout():
    """The SMTP settings the environment builds always carry a timeout."""
    import subprocess
    import sys

    code = (
        "import os; os.environ.update(SMTP_HOST='relay.invalid', DJANGO_SECRET_KEY='x');"
        "from socoba_portal.settings import base; print(base.MAILERS['default']['OPTIONS']['timeout'])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout.strip() == "20"
