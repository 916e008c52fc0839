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

from projects.models import Contact, Membership, Organisation, Partnership, Project
from projects.permissions import is_shared_registry, project_lookup, sharing_project_ids
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
    kainuu, kymenlaakso = Project.objects.get(slug="kainuu"), Project.objects.get(slug="kymenlaakso")
    # The shared-registry cases need organisations used by exactly one or both of these two
    # projects: the demo's third project shares some of them, so its links are dropped here.
    Partnership.objects.exclude(project__in=[kainuu, kymenlaakso]).delete()
    Contact.objects.exclude(project__in=[kainuu, kymenlaakso]).delete()
    return kainuu, kymenlaakso


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


# Shared registries: several projects pick the same rows (an organisation is the partner
# of many projects). What each role may do with a row used only by its OWN project, only
# by ANOTHER project, by BOTH, and whether it may add new rows. Coordinators of every
# project using a row (and administrators) may change or delete it; others only view it.
SHARED_EXPECTED = {
    Membership.Role.COORDINATOR: {
        "projects.organisation": {"own": ALL - {"add"}, "other": {"view"}, "both": {"view"}, "add": True},
    },
    Membership.Role.STUDENT_DATA_OFFICER: {
        "projects.organisation": {"own": set(), "other": set(), "both": set(), "add": False},
    },
    Membership.Role.REPORTER: {
        "projects.organisation": {"own": set(), "other": set(), "both": set(), "add": False},
    },
}


def shared_admin_models():
    return sorted((model for model in admin.site._registry if is_shared_registry(model)), key=_label)


def test_the_specification_covers_every_shared_registry():
    models = {_label(m) for m in shared_admin_models()}
    assert models, "Organisation is a shared registry"
    for role in Membership.Role:
        assert set(SHARED_EXPECTED[role]) == models, role


def _shared_object(model, project_ids):
    for obj in model._default_manager.order_by("pk"):
        if sharing_project_ids(obj) == project_ids:
            return obj
    raise AssertionError(f"the demo data needs a {_label(model)} used by exactly the projects {project_ids}")


def _post_data_of(response):
    """The change form's own data, as the browser would submit it unchanged."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    return data


SHARED_CASES = [(role, model) for role in Membership.Role for model in shared_admin_models()]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "model"), SHARED_CASES, ids=[f"{r.value}-{_label(m)}" for r, m in SHARED_CASES])
def test_shared_registry_permissions(client, django_user_model, projects, role, model):
    own_project, other_project = projects
    client = _client_for(client, django_user_model, role, own_project)
    expected = SHARED_EXPECTED[role][_label(model)]
    rows = {
        "own": _shared_object(model, {own_project.pk}),
        "other": _shared_object(model, {other_project.pk}),
        "both": _shared_object(model, {own_project.pk, other_project.pk}),
    }
    assert client.get(_url(model, "add")).status_code == (200 if expected["add"] else 403)
    for usage, obj in rows.items():
        allowed = expected[usage]
        page = client.get(_url(model, "change", obj.pk))
        if allowed & {"view", "change"}:
            assert page.status_code == 200, usage
            assert page.context["has_change_permission"] == ("change" in allowed), usage
        else:
            assert page.status_code in {403, 404}, usage
        deleting = client.get(_url(model, "delete", obj.pk))
        if "delete" in allowed:
            assert deleting.status_code == 200, usage
            assert not deleting.context["perms_lacking"], usage
        else:
            assert deleting.status_code in {403, 404} or deleting.context["perms_lacking"], usage
        if "change" not in allowed:
            before = model._default_manager.get(pk=obj.pk)
            client.post(_url(model, "change", obj.pk), {"name_fi": "Renamed by another project"})
            assert str(model._default_manager.get(pk=obj.pk)) == str(before), usage
        if "delete" not in allowed:
            client.post(
                _url(model, "changelist"),
                {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
            )
            client.post(_url(model, "delete", obj.pk), {"post": "yes"})
            assert model._default_manager.filter(pk=obj.pk).exists(), usage


@pytest.mark.django_db
def test_a_coordinator_of_every_project_using_an_organisation_may_change_it(client, django_user_model, projects):
    own_project, other_project = projects
    client = _client_for(client, django_user_model, Membership.Role.COORDINATOR, own_project)
    user = django_user_model.objects.get(email=f"{Membership.Role.COORDINATOR}@example.org")
    Membership.objects.create(user=user, project=other_project, role=Membership.Role.COORDINATOR)
    shared = _shared_object(Organisation, {own_project.pk, other_project.pk})
    page = client.get(_url(Organisation, "change", shared.pk))
    assert page.context["has_change_permission"]
    data = _post_data_of(page) | {"name_fi": "Uusi nimi"}
    response = client.post(_url(Organisation, "change", shared.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert Organisation.objects.get(pk=shared.pk).name_fi == "Uusi nimi"


@pytest.mark.django_db
def test_a_coordinator_adds_and_picks_organisations_for_their_own_project(client, django_user_model, projects):
    own_project, other_project = projects
    client = _client_for(client, django_user_model, Membership.Role.COORDINATOR, own_project)
    theirs = _shared_object(Organisation, {other_project.pk})
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "projects", "model_name": "partnership", "field_name": "organisation", "term": ""},
    )
    assert response.status_code == 200
    assert str(theirs.pk) in {result["id"] for result in response.json()["results"]}
    response = client.post(_url(Organisation, "add"), {"name_fi": "Kajaanin kaupunki", "kind": "municipality"})
    assert response.status_code == 302
    added = Organisation.objects.get(name_fi="Kajaanin kaupunki")
    # Nobody else uses it yet: its author may still correct it.
    page = client.get(_url(Organisation, "change", added.pk))
    assert page.context["has_change_permission"]
