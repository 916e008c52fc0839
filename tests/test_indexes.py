"""The columns public pages and admin lists filter and sort on are indexed (``Meta.indexes``)."""

import pytest
from django.db import connection

from projects.models import Project, Publication
from seminars.models import Event, Registration
from students.models import Completion, Student, ThesisTopic

pytestmark = pytest.mark.django_db

INDEXES = {
    Project: {"project_state_start_idx": ["state", "planned_start"], "project_status_idx": ["status"]},
    Publication: {
        "publication_state_year_idx": ["state", "year"],
        "publication_year_idx": ["year"],
        "publication_kind_idx": ["kind"],
    },
    Event: {
        "event_status_start_idx": ["status", "start"],
        "event_start_idx": ["start"],
        "event_end_idx": ["end"],
        "event_kind_idx": ["kind"],
    },
    Registration: {
        "registration_event_status_idx": ["event_id", "status", "created_at"],
        "registration_event_created_idx": ["event_id", "created_at"],
        "registration_status_idx": ["status"],
        "registration_created_idx": ["created_at"],
    },
    Student: {
        "student_cohort_status_idx": ["cohort_id", "status"],
        "student_cohort_name_idx": ["cohort_id", "last_name", "first_name"],
        "student_status_idx": ["status"],
    },
    Completion: {"completion_completed_on_idx": ["completed_on"]},
    ThesisTopic: {"thesistopic_status_idx": ["status"]},
}


@pytest.mark.parametrize("model", INDEXES, ids=lambda model: model.__name__)
def test_the_indexes_exist_in_the_database(model):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    for name, columns in INDEXES[model].items():
        assert name in constraints, name
        assert constraints[name]["index"], name
        assert constraints[name]["columns"] == columns, name


def test_the_public_event_list_uses_an_index():
    if connection.vendor != "sqlite":
        pytest.skip("the query plan's wording is SQLite's")
    plan = Event.objects.public().upcoming().explain()
    assert "USING INDEX event_status_start_idx" in plan
