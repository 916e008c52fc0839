"""Counts of people as the public may see them (statistical disclosure control).

A count from 1 to ``PUBLIC_MIN_GROUP - 1`` (default 1–4) is shown as "fewer than
five" on every public surface: pages, feeds, structured data. Small regional
cohorts and seminars are easy to re-identify. Zero is shown as it is. The two
figures the projects publish themselves (students admitted, graduated) are not
people counts in this sense and are shown as they are.

``PeopleCount`` is the one value type for this; templates print it (``{{ count }}``)
or turn a plain number into one with the ``people`` filter.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext


def min_public_group():
    return settings.PUBLIC_MIN_GROUP


@dataclass(frozen=True)
class PeopleCount:
    """A public count of people; a hidden count carries no number at all."""

    value: int | None  # None: hidden, between 1 and the minimum group size
    # Hidden only so that a small group beside it cannot be worked out from the total:
    # it is not small itself, so it must not read "fewer than 5" (that would be false).
    complementary: bool = False

    @classmethod
    def of(cls, number, minimum=None):
        minimum = min_public_group() if minimum is None else minimum
        return cls(None if 0 < number < minimum else number)

    @classmethod
    def hidden(cls):
        return cls(None)

    @classmethod
    def withheld(cls):
        """Hidden as the complement of a small group (complementary suppression)."""
        return cls(None, complementary=True)

    @property
    def is_hidden(self):
        return self.value is None

    def __str__(self):
        if self.complementary:
            return gettext("not shown")  # "ei näytetä" / "visas inte"
        if self.is_hidden:
            # "alle 5" / "färre än 5" / "under 5"
            return gettext("fewer than %(minimum)s") % {"minimum": min_public_group()}
        return formats.number_format(self.value, force_grouping=True)


@dataclass(frozen=True)
class Group:
    label: str
    count: PeopleCount

    @property
    def is_hidden(self):
        return self.count.is_hidden


def suppress_small_groups(counts, minimum=None, *, keep_empty=False):
    """``[(label, n), …]`` → ``Group``s whose small counts are hidden.

    When a single group is hidden its size could be worked out from the total,
    so the next smallest group is hidden with it (complementary suppression).
    Empty groups are left out, unless ``keep_empty``: then they are shown as 0,
    and a 0 is the cheapest group to hide as the complement.
    """
    minimum = min_public_group() if minimum is None else minimum
    rows = [(label, n) for label, n in counts if keep_empty or n > 0]
    hidden = {index for index, (_label, n) in enumerate(rows) if 0 < n < minimum}
    withheld = set()
    if len(hidden) == 1:
        visible = sorted((n, index) for index, (_label, n) in enumerate(rows) if index not in hidden)
        if visible:
            withheld.add(visible[0][1])

    def count(index, n):
        if index in hidden:
            return PeopleCount.hidden()
        return PeopleCount.withheld() if index in withheld else PeopleCount(n)

    return [Group(label, count(index, n)) for index, (label, n) in enumerate(rows)]
