"""The permission matrix, generated: every role × every project-scoped admin model
× view / add / change / delete × own project / other project.

``EXPECTED`` is the specification: what each role may do in its OWN project.
In another project every role may do nothing, and guessing an object's URL
answers 403 or 404, never data. A new scoped model fails this test until the
specification says what each role may do with it.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from projects.models import Membership, Project
from projects.permissions import project_lookup
from tests.conftest import with_mfa

ALL = {"view", "add", "change", "delete"}
EXPECTED = {
    Membership.Role.COORDINATOR: {
        "projects.project": {"view", "change"},
        "projects.publication": ALL,
        "projects.fundingshare": ALL,
        "projects.spearhead": ALL,
        "projects.partnership": ALL,
        "projects.contact": ALL,
        "projects.membership": set(),
        "students.cohort": ALL,
        "students.course": ALL,
        "students.thesistopic": ALL,
        "students.student": set(),
        "students.completion": set(),
        "students.thesis": set(),
        "seminars.event": ALL,
        "seminars.programmeitem": ALL,
        "seminars.material": ALL,
        "seminars.registration": ALL,
    },
    Membership.Role.STUDENT_DATA_OFFICER: {
        "projects.project": {"view"},
        "projects.publication": set(),
        "projects.fundingshare": set(),
        "projects.spearhead": set(),
        "projects.partnership": set(),
        "projects.contact": set(),
        "projects.membership": set(),
        "students.cohort": {"view"},
        "students.course": {"view"},
        "students.thesistopic": {"view"},
        "students.student": ALL,
        "students.completion": ALL,
        "students.thesis": ALL,
        "seminars.event": set(),
        "seminars.programmeitem": set(),
        "seminars.material": set(),
        "seminars.registration": set(),
    },
    Membership.Role.REPORTER: {
        "projects.project": {"view"},
        "projects.publication": set(),
        "projects.fundingshare": set(),
        "projects.spearhead": set(),
        "projects.partnership": set(),
        "projects.contact": set(),
        "projects.membership": set(),
        "students.cohort": set(),
        "students.course": set(),
        "students.thesistopic": set(),
        "students.student": set(),
        "students.completion": set(),
        "students.thesis": set(),
        "seminars.event": {"view"},
        "seminars.programmeitem": set(),
        "seminars.material": set(),
        "seminars.registration": set(),
    },
}


def _label(model):
    return model._meta.label_lower


def scoped_admin_models():
    return sorted((model for model in admin.site._registry if project_lookup(model) is not None), key=_label)


def scoped_inline_models():
    inlines = set()
    for model, model_admin in admin.site._registry.items():
        if project_lookup(model) is None:
            continue
        for inline in model_admin.inlines:
            if project_lookup(inline.model) is not None:
                inlines.add(inline.model)
    return sorted(inlines, key=_label)


def test_the_specification_covers_every_scoped_model():
    models = {_label(m) for m in scoped_admin_models() + scoped_inline_models()}
    for role in Membership.Role:
        assert set(EXPECTED[role]) == models, role


def _object_in(model, project):
    lookup = project_lookup(model)
    return model._default_manager.filter(**{lookup: project.pk}).order_by("pk").first()


@pytest.fixture
def projects(demo_data):
    return Project.objects.get(slug="kainuu"), Project.objects.get(slug="kymenlaakso")


def _client_for(client, django_user_model, role, project):
    user = with_mfa(
        django_user_model.objects.create_user(email=f"{role}@example.org", password="x", is_staff=True)
    )
    Membership.objects.create(user=user, project=project, role=role)
    client.force_login(user)
    return client


def _url(model, name, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=args)


CASES = [(role, model) for role in Membership.Role for model in scoped_admin_models()]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "model"), CASES, ids=[f"{r.value}-{_label(m)}" for r, m in CASES])
def test_admin_model_permissions(client, django_user_model, projects, role, model):
    own_project, other_project = projects
    client = _client_for(client, django_user_model, role, own_project)
    allowed = EXPECTED[role][_label(model)]
    own, other = _object_in(model, own_project), _object_in(model, other_project)
    assert own is not None and other is not None, f"the demo data needs a {_label(model)} in both projects"

    changelist = client.get(_url(model, "changelist"))
    if allowed & {"view", "change"}:
        assert changelist.status_code == 200
        shown = {obj.pk for obj in changelist.context["cl"].result_list}
        assert own.pk in shown
        assert other.pk not in shown
    else:
        assert changelist.status_code == 403

    own_page = client.get(_url(model, "change", own.pk))
    if allowed & {"view", "change"}:
        assert own_page.status_code == 200
        assert own_page.context["has_change_permission"] == ("change" in allowed)
    else:
        assert own_page.status_code in {403, 404}
    assert client.get(_url(model, "change", other.pk)).status_code in {403, 404}
    assert client.post(_url(model, "change", other.pk), {}).status_code in {403, 404}
    assert client.get(_url(model, "history", other.pk)).status_code in {403, 404}

    add_page = client.get(_url(model, "add"))
    assert add_page.status_code == (200 if "add" in allowed else 403)
    if add_page.status_code == 200 and "project" in add_page.context["adminform"].form.fields:
        choices = add_page.context["adminform"].form.fields["project"].queryset
        assert own_project in choices and other_project not in choices

    own_delete = client.get(_url(model, "delete", own.pk)).status_code
    assert own_delete == 200 if "delete" in allowed else own_delete in {403, 404}
    assert client.get(_url(model, "delete", other.pk)).status_code in {403, 404}
    assert model._default_manager.filter(pk=other.pk).exists()


INLINE_CASES = [(role, model) for role in Membership.Role for model in scoped_inline_models()]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "model"), INLINE_CASES, ids=[f"{r.value}-{_label(m)}" for r, m in INLINE_CASES])
def test_inline_permissions_on_the_parent_page(client, django_user_model, projects, role, model):
    own_project, _other = projects
    client = _client_for(client, django_user_model, role, own_project)
    allowed = EXPECTED[role][_label(model)]
    parents = [m for m, ma in admin.site._registry.items() if any(i.model is model for i in ma.inlines)]
    for parent_model in parents:
        parent = _object_in(parent_model, own_project)
        response = client.get(_url(parent_model, "change", parent.pk))
        if response.status_code != 200:
            assert not allowed  # no access to the parent page means no access to its inlines
            continue
        inline = next((f for f in response.context["inline_admin_formsets"] if f.formset.model is model), None)
        if inline is None:
            assert not allowed & {"view", "change"}, f"{_label(model)} inline missing"
            continue
        assert inline.has_add_permission == ("add" in allowed)
        assert inline.has_change_permission == ("change" in allowed)
        assert inline.has_delete_permission == ("delete" in allowed)


@pytest.mark.django_db
def test_autocomplete_only_offers_the_users_projects(client, django_user_model, projects):
    own_project, _other_project = projects
    client = _client_for(client, django_user_model, Membership.Role.COORDINATOR, own_project)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "projects", "model_name": "publication", "field_name": "project", "term": ""},
    )
    assert response.status_code == 200
    ids = {int(result["id"]) for result in response.json()["results"]}
    assert ids == {own_project.pk}


@pytest.mark.django_db
def test_admin_actions_only_reach_the_users_projects(client, django_user_model, projects):
    from projects.models import Publication

    own_project, other_project = projects
    client = _client_for(client, django_user_model, Membership.Role.COORDINATOR, own_project)
    others = list(Publication.objects.filter(project=other_project).values_list("pk", flat=True))
    client.post(
        _url(Publication, "changelist"),
        {"action": "delete_selected", "_selected_action": others, "post": "yes"},
    )
    assert Publication.objects.filter(pk__in=others).count() == len(others)
