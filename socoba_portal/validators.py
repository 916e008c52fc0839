"""Validators shared by every app."""

import datetime
import unicodedata

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


MOST_MARKS_ON_A_LETTER = 2  # Vietnamese needs two; "Zalgo" text stacks dozens


# Characters that turn the direction of the text that follows (U+202A–U+202E, U+2066–U+2069):
# "Maija\u202egro.elpmaxe" reads as another name in a list.
DIRECTION_OVERRIDES = {chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def validate_printable_text(value):
    """Text people read on pages and in PDFs: no control characters (a tab and line breaks
    are allowed) nor direction overrides, and no more than two accent marks stacked on one
    letter (more draw over the lines above and below: over other people's rows on a
    sign-in sheet)."""
    if any(
        (unicodedata.category(char) == "Cc" and char not in "\t\n\r") or char in DIRECTION_OVERRIDES
        for char in value
    ):
        raise ValidationError(_("Remove the control characters from the text."), code="control_character")
    stacked = 0
    for char in value:
        stacked = stacked + 1 if unicodedata.combining(char) else 0
        if stacked > MOST_MARKS_ON_A_LETTER:
            raise ValidationError(_("Remove the accent marks stacked on one letter."), code="stacked_marks")
