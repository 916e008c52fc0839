"""The admin's list filters on a project, event or cohort offer only the user's own
projects' objects: never another project's name, nor a draft project's."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.test import RequestFactory
from django.urls import reverse

from projects.admin_mixins import ProjectScopedFieldListFilter
from projects.models import Membership, PublicationState
from projects.permissions import project_lookup, role_permissions
from tests.conftest import with_mfa
from tests.factories import ProjectFactory, PublicationFactory
from tests.seminars.factories import EventFactory, RegistrationFactory
from tests.students.factories import CohortFactory, CourseFactory, StudentFactory, ThesisTopicFactory

pytestmark = pytest.mark.django_db

OWN, OTHER, DRAFT = "Kainuun hanke", "Kymenlaakson hanke", "Salainen luonnoshanke"


@pytest.fixture
def projects():
    """The Kainuu user's two projects (a filter shows with two choices or more)."""
    own, second = ProjectFactory(name_fi=OWN), ProjectFactory(name_fi="Kainuun toinen hanke")
    other = ProjectFactory(name_fi=OTHER)
    draft = ProjectFactory(name_fi=DRAFT, state=PublicationState.DRAFT)
    for project, suffix in [(own, "Kainuu"), (second, "Kainuu 2"), (other, "Kymenlaakso"), (draft, "Luonnos")]:
        event = EventFactory(project=project, title_fi=f"Seminaari {suffix}")
        RegistrationFactory(event=event)
        cohort = CohortFactory(project=project, name_fi=f"Ryhmä {suffix}")
        StudentFactory(cohort=cohort)
        CourseFactory(cohort=cohort)
        ThesisTopicFactory(project=project)
        PublicationFactory(project=project)
    return [own, second]


def member(django_user_model, projects, role):
    user = with_mfa(
        django_user_model.objects.create_user(email=f"{role}@example.org", password="x", is_staff=True)
    )
    for project in projects:
        Membership.objects.create(user=user, project=project, role=role)
    return user


@pytest.mark.parametrize(
    ("role", "changelist", "others"),
    [
        ("coordinator", "seminars_event", [OTHER, DRAFT]),
        ("coordinator", "seminars_registration", ["Seminaari Kymenlaakso", "Seminaari Luonnos"]),
        ("coordinator", "students_cohort", [OTHER, DRAFT]),
        ("coordinator", "students_thesistopic", [OTHER, DRAFT]),
        ("coordinator", "projects_publication", [OTHER, DRAFT]),
        ("student_data_officer", "students_student", ["Ryhmä Kymenlaakso", "Ryhmä Luonnos"]),
        ("student_data_officer", "students_completion", ["Ryhmä Kymenlaakso", "Ryhmä Luonnos"]),
    ],
)
def test_a_kainuu_users_filters_name_no_other_project(
    client, django_user_model, projects, role, changelist, others
):
    client.force_login(member(django_user_model, projects, role))
    response = client.get(reverse(f"admin:{changelist}_changelist"))
    assert response.status_code == 200
    filters = " ".join(
        str(spec.title) + str(list(spec.choices(response.context["cl"])))
        for spec in response.context["cl"].filter_specs
    )
    for name in others:
        assert name not in filters
        assert name not in response.text
    own_names = {OWN, "Seminaari Kainuu", "Ryhmä Kainuu"}
    assert any(name in filters for name in own_names)  # the filter is there, with the own project


def test_a_superuser_filters_by_every_project(admin_client, projects):
    text = admin_client.get(reverse("admin:seminars_event_changelist")).text
    assert OWN in text and OTHER in text and DRAFT in text


def test_every_filter_on_a_scoped_relation_is_the_scoped_filter():
    """A new admin (or list filter) cannot bring the leak back: every relation filter to a
    project-scoped model, in an admin that any project role may open, is scoped."""
    request = RequestFactory().get("/")
    role_perms = set().union(*role_permissions().values())
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if f"{model._meta.app_label}.view_{model._meta.model_name}" not in role_perms:
            continue  # only superusers open it
        for item in model_admin.get_list_filter(request):
            path, filter_class = (
                (item, None) if isinstance(item, str) else (item if isinstance(item, tuple) else (None, item))
            )
            if path is None:
                continue
            field = get_fields_from_path(model, path)[-1]
            if field.is_relation and project_lookup(field.related_model) is not None:
                assert filter_class is ProjectScopedFieldListFilter, (model, path)
                checked += 1
    assert checked >= 6
