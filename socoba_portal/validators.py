"""Validators shared by every app."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# The dates people enter (project periods, events, studies, statements) fall in this
# range. Outside it a year-1 or year-9999 date-time overflows when it is converted
# between time zones, and would fail deep inside a query or a template.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def validate_sensible_date(value):
    """For every DateField and DateTimeField a person fills in."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={
                "earliest": date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                "latest": date_format(LATEST_DATE, "SHORT_DATE_FORMAT"),
            },
        )
