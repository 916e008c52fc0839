"""The audit trail: who changed what, before and after; nobody edits or deletes it."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from projects.models import Project
from tests.admin_forms import admin_form_data
from tests.factories import project_with_everything

pytestmark = pytest.mark.django_db


def test_a_change_in_the_admin_is_logged_with_actor_and_before_after(admin_client, admin_user):
    project = project_with_everything()
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = admin_form_data(admin_client.get(url), vision_fi="Uusi visio")
    assert admin_client.post(url, data).status_code == 302
    entry = LogEntry.objects.get_for_object(project).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == admin_user
    before, after = entry.changes_dict["vision_fi"]
    assert before in {"", "None"}
    assert after == "Uusi visio"


def test_creation_and_deletion_are_logged(admin_client):
    project = project_with_everything()
    spearhead = project.spearheads.first()
    assert LogEntry.objects.get_for_object(spearhead).filter(action=LogEntry.Action.CREATE).exists()
    spearhead_pk = spearhead.pk
    spearhead.delete()
    assert LogEntry.objects.filter(object_pk=str(spearhead_pk), action=LogEntry.Action.DELETE).exists()


def test_administrators_read_the_trail_but_cannot_edit_or_delete_it(admin_client):
    project_with_everything()
    entry = LogEntry.objects.filter(content_type__model="project").first()
    assert admin_client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 200
    change_url = reverse("admin:auditlog_logentry_change", args=[entry.pk])
    response = admin_client.get(change_url)
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert admin_client.post(change_url, {"action": 0}).status_code == 403
    assert admin_client.get(reverse("admin:auditlog_logentry_delete", args=[entry.pk])).status_code == 403
    changelist = admin_client.get(reverse("admin:auditlog_logentry_changelist"))
    assert "delete_selected" not in changelist.text
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_coordinators_cannot_read_the_audit_trail(client, django_user_model):
    from projects.models import Membership
    from tests.conftest import with_mfa

    project = project_with_everything()
    user = with_mfa(django_user_model.objects.create_user(email="c@example.org", password="x", is_staff=True))
    Membership.objects.create(user=user, project=project, role=Membership.Role.COORDINATOR)
    client.force_login(user)
    assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 403
    assert Project.objects.count() == 1


@pytest.mark.parametrize(("proxies", "recorded"), [(0, "192.0.2.10"), (1, "198.51.100.7")])
def test_the_trail_records_the_address_from_trusted_proxies_only(admin_client, settings, proxies, recorded):
    """A client writes X-Forwarded-For itself: only the configured proxies' entries are believed."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    project = project_with_everything()
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = admin_form_data(admin_client.get(url), vision_fi="Osoite kirjataan")
    headers = {"REMOTE_ADDR": "192.0.2.10", "HTTP_X_FORWARDED_FOR": "203.0.113.66, 198.51.100.7"}
    assert admin_client.post(url, data, **headers).status_code == 302
    entry = LogEntry.objects.get_for_object(project).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.remote_addr == recorded
    assert entry.remote_port is None
