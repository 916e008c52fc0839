"""A cohort's public aggregates: counts, rates, median credits, breakdowns and the
progress chart's geometry. Never a student: every count of people on a public
page goes through ``socoba_portal.disclosure`` (groups smaller than
``PUBLIC_MIN_GROUP``, default 5, are hidden, with a complementary group), since a
cohort of 20–25 working people is easy to re-identify. Only the intake (admitted)
and the graduated total, which the projects publish themselves, are exact.

``cohort_stats(cohorts)`` runs two queries for any number of cohorts and
students.
"""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from socoba_portal import charts
from socoba_portal.disclosure import PeopleCount, suppress_small_groups

from .models import Student

# The bars' colours (each ≥ 3:1 against the page); the intake target is an outline.
STATUS_COLOURS = {
    "target": None,
    "admitted": "#0b4f8a",
    "graduated": "#1b5e20",
    "active": "#0b4f8a",
    "on-leave": "#8a6d00",
    "withdrawn": "#6d4c41",
}


@dataclass
class CohortStats:
    cohort: object
    admitted: int = 0
    active: int = 0
    on_leave: int = 0
    graduated: int = 0
    withdrawn: int = 0
    left_with_qualification: int = 0
    median_credits: Decimal | None = None
    by_gender: list = field(default_factory=list)
    by_age_band: list = field(default_factory=list)

    @property
    def intake_target(self):
        return self.cohort.intake_target

    @property
    def graduation_rate(self):
        """Graduated as a share of the intake target, in percent (one decimal)."""
        if not self.intake_target:
            return None
        rate = Decimal(self.graduated * 100) / Decimal(self.intake_target)
        return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def statuses(self):
        """Exact counts per status, for staff reports only."""
        return [
            (_("Graduated"), self.graduated, "graduated"),
            (_("Active"), self.active, "active"),
            (_("On leave"), self.on_leave, "on-leave"),
            (_("Withdrawn"), self.withdrawn, "withdrawn"),
        ]

    @property
    def public_statuses(self):
        """The statuses as the public sees them: ``(label, PeopleCount, css_class)``.

        Admitted and graduated are published by the projects, so the other
        statuses add up to a known total: they are suppressed as one set, zeros
        included (a 0 may have to be hidden so that a small group cannot be worked out).
        """
        graduated, *others = self.statuses
        groups = suppress_small_groups([(label, count) for label, count, _css in others], keep_empty=True)
        return [
            (graduated[0], PeopleCount(graduated[1]), graduated[2]),
            *((group.label, group.count, css) for group, (_label, _n, css) in zip(groups, others, strict=True)),
        ]

    @property
    def public_figures(self):
        """Status label → public count, for the figures list."""
        return {css.replace("-", "_"): count for _label, count, css in self.public_statuses}

    @property
    def public_left_with_qualification(self):
        return PeopleCount.of(self.left_with_qualification)

    @property
    def chart_scale(self):
        return max(self.admitted, self.intake_target or 0, 1)

    @property
    def chart(self):
        """The progress chart (``socoba_portal.charts``): the intake target, admitted, then
        each status, on one scale. A hidden count draws no bar: its length would give it away."""
        rows = [
            (_("Intake target"), PeopleCount(self.intake_target or 0), "target"),
            (_("Admitted"), PeopleCount(self.admitted), "admitted"),
            *self.public_statuses,
        ]
        return charts.bar_chart(
            [(label, count, css_class, STATUS_COLOURS[css_class]) for label, count, css_class in rows],
            scale=self.chart_scale,
        )

    @property
    def chart_bars(self):
        return self.chart.bars


def _median(values):
    if not values:
        return None
    median = Decimal(statistics.median(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return median.quantize(Decimal(1)) if median == median.to_integral_value() else median


def cohort_stats(cohorts):
    """Aggregates of the given cohorts (a queryset), in two queries."""
    cohorts = list(cohorts.with_counts())
    if not cohorts:
        return []
    ids = [cohort.pk for cohort in cohorts]
    credits = {pk: [] for pk in ids}
    genders = {pk: Counter() for pk in ids}
    ages = {pk: Counter() for pk in ids}
    # One row a student: their credits for the median, their gender and age band for the breakdowns.
    for cohort_id, credits_done, gender, age_band in (
        Student.objects.filter(cohort__in=ids)
        .with_credits()
        .order_by()
        .values_list("cohort_id", "credits_done", "gender", "age_band")
    ):
        credits[cohort_id].append(credits_done)
        genders[cohort_id][gender] += 1
        ages[cohort_id][age_band] += 1
    return [
        CohortStats(
            cohort=cohort,
            admitted=cohort.admitted,
            active=cohort.active,
            on_leave=cohort.on_leave,
            graduated=cohort.graduated,
            withdrawn=cohort.withdrawn,
            left_with_qualification=cohort.left_with_qualification,
            median_credits=_median(credits[cohort.pk]),
            by_gender=suppress_small_groups(
                [(choice.label, genders[cohort.pk].get(choice.value, 0)) for choice in Student.Gender]
            ),
            by_age_band=suppress_small_groups(
                [(choice.label, ages[cohort.pk].get(choice.value, 0)) for choice in Student.AgeBand]
            ),
        )
        for cohort in cohorts
    ]
