import pytest
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(autouse=True)
def _finnish_by_default():
    """Each test starts in Finnish: a request's language must not leak into the next test."""
    with translation.override("fi"):
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo_data(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="pw-for-tests")
    client.force_login(admin)
    return client
