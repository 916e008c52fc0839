"""Capacity is never exceeded, also when many people submit at the same moment.

Real concurrency needs a database with row locks: the test runs on PostgreSQL
and is skipped, with the reason shown, on SQLite.
"""

import threading

import pytest
from django.db import connection, connections

from seminars import services
from seminars.models import Registration
from tests.seminars.factories import EventFactory

CAPACITY = 5
VISITORS = 24


def _submit_at_once(event, emails):
    barrier = threading.Barrier(len(emails))
    results, errors = [], []

    def visitor(email):
        try:
            barrier.wait()
            results.append(services.register(event=event, name=email, email=email, consent=True))
        except services.RegistrationError as refusal:
            errors.append(refusal)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visitor, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.fixture
def postgresql(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("the concurrent capacity test needs PostgreSQL (row locks); SQLite serialises all writes")


def test_simultaneous_registrations_never_exceed_the_capacity(postgresql):
    event = EventFactory(capacity=CAPACITY)
    results, errors = _submit_at_once(event, [f"visitor{i}@example.org" for i in range(VISITORS)])
    assert not errors
    assert len(results) == VISITORS
    assert Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count() == CAPACITY
    assert Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED).count() == (
        VISITORS - CAPACITY
    )


def test_simultaneous_cancellations_promote_each_waitlisted_person_once(postgresql):
    event = EventFactory(capacity=CAPACITY)
    confirmed = [
        services.register(event=event, name=f"c{i}", email=f"c{i}@example.org", consent=True)
        for i in range(CAPACITY)
    ]
    for i in range(3):
        services.register(event=event, name=f"w{i}", email=f"w{i}@example.org", consent=True)
    barrier = threading.Barrier(len(confirmed))

    def cancel(registration):
        try:
            barrier.wait()
            services.cancel(registration)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == 3
    assert statuses.count(Registration.Status.WAITLISTED) == 0
    assert statuses.count(Registration.Status.CANCELLED) == CAPACITY


def test_the_same_email_submitted_at_once_registers_once(postgresql):
    event = EventFactory(capacity=CAPACITY)
    results, errors = _submit_at_once(event, ["same@example.org"] * 8)
    assert len(results) == 1
    assert len(errors) == 7
    assert all(isinstance(error, services.AlreadyRegistered) for error in errors)
    assert Registration.objects.filter(event=event).count() == 1
