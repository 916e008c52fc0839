"""Counts of people on public pages: 1–4 are "fewer than 5" everywhere, with a
complementary group hidden so that totals cannot give a small group away."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from socoba_portal.disclosure import PeopleCount, suppress_small_groups
from students.aggregates import cohort_stats
from students.models import Cohort, Student
from tests.seminars.factories import EventFactory, RegistrationFactory
from tests.students.factories import CohortFactory, StudentFactory

pytestmark = pytest.mark.django_db
HIDDEN = {"fi": "alle 5", "sv": "färre än 5", "en": "under 5"}
# A group hidden only as the complement of a small one is not small: it does not say "under 5".
WITHHELD = {"fi": "ei näytetä", "sv": "visas inte", "en": "not shown"}


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("number", "shown"), [(0, "0"), (1, None), (4, None), (5, "5"), (25, "25")])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_people_count_hides_one_to_four(number, shown, language):
    with translation.override(language):
        assert str(PeopleCount.of(number)) == (shown or HIDDEN[language])
    assert PeopleCount.of(number).is_hidden == (shown is None)


def test_the_minimum_comes_from_the_settings(settings):
    settings.PUBLIC_MIN_GROUP = 10
    assert PeopleCount.of(9).is_hidden
    with translation.override("fi"):
        assert str(PeopleCount.of(9)) == "alle 10"


def test_complementary_suppression_keeps_zeros_when_asked():
    groups = suppress_small_groups([("active", 10), ("on leave", 2), ("withdrawn", 0)], keep_empty=True)
    # Hiding the 0 costs less than hiding the 10, and still hides the 2.
    assert [g.count.value for g in groups] == [10, None, None]
    groups = suppress_small_groups([("active", 10), ("on leave", 6), ("withdrawn", 0)], keep_empty=True)
    assert [g.count.value for g in groups] == [10, 6, 0]
    groups = suppress_small_groups([("active", 10), ("on leave", 2), ("withdrawn", 3)], keep_empty=True)
    assert [g.count.value for g in groups] == [10, None, None]


def _cohort(active, on_leave, withdrawn, graduated=0):
    cohort = CohortFactory(project__state="published")
    for _ in range(active):
        StudentFactory(cohort=cohort)
    for _ in range(on_leave):
        StudentFactory(cohort=cohort, status=Student.Status.ON_LEAVE, leave_started_on=datetime.date(2019, 9, 1))
    for _ in range(withdrawn):
        StudentFactory(cohort=cohort, status=Student.Status.WITHDRAWN, withdrew_on=datetime.date(2019, 5, 1))
    return cohort


def _figures(html):
    return {dt: dd.strip() for dt, dd in re.findall(r"<dt>([^<]+)</dt><dd[^>]*>([^<]*)</dd>", html)}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_cohort_page_hides_small_status_groups_and_their_complement(client, language):
    cohort = _cohort(active=12, on_leave=2, withdrawn=0)
    html = client.get(url("students:cohort", language, slug=cohort.slug)).text
    with translation.override(language):
        figures = _figures(html)
        assert figures[gettext("Admitted")] == "14"  # the intake is published
        assert figures[gettext("Active")] == "12"
        assert figures[gettext("On leave")] == HIDDEN[language]
        assert figures[gettext("Withdrawn")] == WITHHELD[language]  # the 0 is the complement
    table = html[html.index('<table class="progress-table">') :]
    assert ">2<" not in table


def test_the_cohort_page_shows_groups_of_five_and_zero(client):
    cohort = _cohort(active=10, on_leave=5, withdrawn=0)
    figures = _figures(client.get(url("students:cohort", "en", slug=cohort.slug)).text)
    assert (figures["Active"], figures["On leave"], figures["Withdrawn"]) == ("10", "5", "0")


def test_the_project_page_summary_hides_small_groups(client):
    cohort = _cohort(active=10, on_leave=1, withdrawn=4)
    html = client.get(url("projects:detail", "en", slug=cohort.project.slug)).text
    figures = _figures(html)
    assert figures["On leave"] == figures["Withdrawn"] == "under 5"
    assert figures["ESF participants who left with a qualification"] == "0"


def test_the_demo_cohorts_never_show_a_status_under_five(client, demo_data):
    for cohort in Cohort.objects.all():
        (stats,) = cohort_stats(Cohort.objects.filter(pk=cohort.pk))
        for _label, count, _css in stats.public_statuses[1:]:
            assert count.is_hidden or count.value == 0 or count.value >= 5
        html = client.get(url("students:cohort", "fi", slug=cohort.slug)).text
        assert "alle 5" in html


@pytest.mark.parametrize(("registered", "hidden"), [(0, False), (1, True), (4, True), (5, False)])
def test_the_event_page_does_not_give_a_small_number_of_registrants_away(client, registered, hidden):
    event = EventFactory(capacity=30)
    RegistrationFactory.create_batch(registered, event=event)
    html = client.get(url("seminars:detail", "en", slug=event.slug)).text
    if hidden:
        assert "Places: 30, registered so far: under 5." in html
        assert f"free: {30 - registered}" not in html
    else:
        assert f"Places: 30, free: {30 - registered}." in html


def test_feeds_calendars_and_structured_data_carry_no_counts_of_people(client):
    event = EventFactory(capacity=9137, slug="laskuton")  # 9134 places left would reveal 3 registrants
    RegistrationFactory.create_batch(3, event=event)
    html = client.get(url("seminars:detail", "en", slug=event.slug)).text
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    text = json.dumps(data)
    assert "9134" not in text and "Attendee" not in text and "remaining" not in text.lower()
    for name, kwargs in [("seminars:feed", {}), ("seminars:calendar", {}), ("seminars:ics", {"slug": event.slug})]:
        body = client.get(url(name, "en", **kwargs)).content.decode()
        assert "9134" not in body and "registered" not in body.lower()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "registered" not in sitemap


def test_a_group_hidden_as_the_complement_says_so_and_not_that_it_is_small():
    small, complement, shown = suppress_small_groups([("female", 3), ("male", 17), ("other", 18)])
    with translation.override("en"):
        assert (str(small.count), str(complement.count), str(shown.count)) == ("under 5", "not shown", "18")
    assert complement.is_hidden and complement.count.value is None
