import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

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
