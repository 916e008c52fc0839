"""A cohort's public aggregates: counts, rates, median credits, breakdowns and the
progress chart's geometry. Never a student: groups smaller than
``STUDENTS_MIN_PUBLIC_GROUP`` (default 5) are hidden in every breakdown, since
a cohort of 20–25 working people is easy to re-identify.

``cohort_stats(cohorts)`` runs three queries for any number of cohorts and
students.
"""

import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Student

CHART_WIDTH = 560
CHART_LABEL_WIDTH = 150
CHART_BAR_HEIGHT = 28
CHART_GAP = 10


def min_public_group():
    return getattr(settings, "STUDENTS_MIN_PUBLIC_GROUP", 5)


@dataclass
class Group:
    label: str
    count: int | None  # None: hidden, fewer than the minimum group size

    @property
    def is_hidden(self):
        return self.count is None


def suppress_small_groups(counts, minimum=None):
    """``[(label, n), …]`` → groups, with 1..minimum-1 hidden.

    When a single group is hidden its size could be worked out from the total,
    so the next smallest group is hidden with it (complementary suppression).
    Empty groups are left out.
    """
    minimum = min_public_group() if minimum is None else minimum
    rows = [(label, n) for label, n in counts if n > 0]
    hidden = {index for index, (_label, n) in enumerate(rows) if n < minimum}
    if len(hidden) == 1 and len(rows) > 1:
        visible = sorted((n, index) for index, (_label, n) in enumerate(rows) if index not in hidden)
        hidden.add(visible[0][1])
    return [Group(label, None if index in hidden else n) for index, (label, n) in enumerate(rows)]


@dataclass
class Bar:
    label: str
    count: int
    y: int
    width: int
    css_class: str


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
        return [
            (_("Graduated"), self.graduated, "graduated"),
            (_("Active"), self.active, "active"),
            (_("On leave"), self.on_leave, "on-leave"),
            (_("Withdrawn"), self.withdrawn, "withdrawn"),
        ]

    @property
    def chart_scale(self):
        return max(self.admitted, self.intake_target or 0, 1)

    @property
    def chart_bars(self):
        """Horizontal bars: the intake target, admitted, then each status, on one scale."""
        rows = [
            (_("Intake target"), self.intake_target or 0, "target"),
            (_("Admitted"), self.admitted, "admitted"),
            *self.statuses,
        ]
        plot_width = CHART_WIDTH - CHART_LABEL_WIDTH - 40
        return [
            Bar(
                label=label,
                count=count,
                y=index * (CHART_BAR_HEIGHT + CHART_GAP),
                width=round(plot_width * count / self.chart_scale),
                css_class=css_class,
            )
            for index, (label, count, css_class) in enumerate(rows)
        ]

    @property
    def chart_height(self):
        return len(self.chart_bars) * (CHART_BAR_HEIGHT + CHART_GAP)

    chart_width = CHART_WIDTH
    chart_label_width = CHART_LABEL_WIDTH
    chart_bar_height = CHART_BAR_HEIGHT


def _median(values):
    if not values:
        return None
    median = Decimal(statistics.median(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return median.quantize(Decimal(1)) if median == median.to_integral_value() else median


def cohort_stats(cohorts):
    """Aggregates of the given cohorts (a queryset), in three queries."""
    cohorts = list(cohorts.with_counts())
    if not cohorts:
        return []
    ids = [cohort.pk for cohort in cohorts]
    credits = {pk: [] for pk in ids}
    for cohort_id, credits_done in (
        Student.objects.filter(cohort__in=ids).with_credits().order_by().values_list("cohort_id", "credits_done")
    ):
        credits[cohort_id].append(credits_done)
    genders = {pk: {} for pk in ids}
    ages = {pk: {} for pk in ids}
    for row in (
        Student.objects.filter(cohort__in=ids)
        .order_by()
        .values("cohort_id", "gender", "age_band")
        .annotate(n=Count("pk"))
    ):
        genders[row["cohort_id"]][row["gender"]] = genders[row["cohort_id"]].get(row["gender"], 0) + row["n"]
        ages[row["cohort_id"]][row["age_band"]] = ages[row["cohort_id"]].get(row["age_band"], 0) + row["n"]
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
