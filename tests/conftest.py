import os
import socket
import uuid

import pytest
import redis
from django.core.cache import cache
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import timezone, translation
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from . import demo_snapshot


@pytest.fixture(autouse=True)
def _finnish_by_default():
    """Each test starts in Finnish: a request's language must not leak into the next test."""
    with translation.override("fi"):
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """``load_demo`` once per session: its rows and the files it made (see demo_snapshot)."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        return demo_snapshot.take(), media


@pytest.fixture(autouse=True)
def _no_rate_limit_counts_leak(request, django_db_blocker):
    """Rate-limit counters live in the database cache (the test database gets the table
    from Django's create_test_db). A normal test's counters roll back with its
    transaction; a transactional test's are deleted here."""
    yield
    marker = request.node.get_closest_marker("django_db")
    if {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker and marker.kwargs.get("transaction")
    ):
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture
def demo_data(db, settings, _demo_snapshot):
    """The demo data, as ``manage.py load_demo`` leaves it."""
    snapshot, media = _demo_snapshot
    snapshot.restore(settings.MEDIA_ROOT, media)


def with_mfa(user):
    """Give a user a TOTP authenticator, as if they had set up MFA."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "unused-in-tests"})
    return user


@pytest.fixture
def admin_user(db, django_user_model):
    return with_mfa(django_user_model.objects.create_superuser(email="admin@example.org", password="pw-for-tests"))


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def relay_down(settings):
    """The SMTP relay refuses connections: its port is bound but nobody listens on it."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed.getsockname()[1], "timeout": 5},
        }
    }
    yield
    closed.close()


class MailQueue:
    """The real database task queue, and the real worker's step for each ready task
    (``db_worker`` minus its loop, which closes connections a test transaction needs)."""

    def ready(self):
        return list(DBTaskResult.objects.ready().order_by("enqueued_at"))

    def waiting(self):
        return list(DBTaskResult.objects.filter(status=TaskResultStatus.READY).order_by("enqueued_at"))

    def run(self):
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        )
        ran = 0
        while (task_result := DBTaskResult.objects.ready().get_locked()) is not None:
            task_result.claim(worker.worker_id)
            worker.run_task(task_result)
            ran += 1
        return ran

    def run_all_retries(self):
        """Let every deferred retry fall due and run it, until nothing is waiting."""
        while self.waiting():
            DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
            self.run()


@pytest.fixture
def mail_queue(settings):
    """Mail goes through the database task backend, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return MailQueue()


class LocalRedis:
    """The local Redis server for one test: its address and a key prefix of the test's own."""

    def __init__(self, url):
        self.url = url
        self.prefix = f"socoba-test-{uuid.uuid4().hex}"

    def cache(self, name="default"):
        """A ``CACHES`` entry for Django's Redis backend under the test's prefix."""
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": self.url,
            "KEY_PREFIX": self.prefix if name == "default" else f"{self.prefix}-{name}",
        }


@pytest.fixture
def local_redis():
    """The local Redis (REDIS_URL or 127.0.0.1:6379), as production runs it; every key the
    test wrote under its prefix is deleted afterwards. Skipped with the reason when no
    server answers."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as error:
        pytest.skip(f"no Redis server at {url}: {error}")
    server = LocalRedis(url)
    yield server
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{server.prefix}*"):
        client.delete(key)
