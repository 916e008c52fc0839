"""Finnish-first formats for money, shares and periods, per active language.

Finnish and Finland-Swedish write ``566 712 €``, ``75 %`` and
``1.1.2018–31.3.2021`` (en dash, no spaces); English writes ``€566,712``,
``75%`` and ``1 January 2018 – 31 March 2021``.
"""

from decimal import Decimal

from django.utils import formats, translation

NORDIC_LANGUAGES = {"fi", "sv"}


def _is_nordic():
    return (translation.get_language() or "fi")[:2] in NORDIC_LANGUAGES


def _grouped(value, separator):
    value = Decimal(value)
    whole = f"{abs(value):,.0f}" if value == value.to_integral() else f"{abs(value):,.2f}"
    decimal_mark = "," if separator == " " else "."
    whole = whole.replace(",", "\0").replace(".", decimal_mark).replace("\0", separator)
    return f"-{whole}" if value < 0 else whole


def format_money(value):
    if value is None or value == "":
        return ""
    if _is_nordic():
        return f"{_grouped(value, ' ')} €"
    return f"€{_grouped(value, ',')}"


def format_percent(value):
    if value is None or value == "":
        return ""
    value = Decimal(value).normalize()
    text = f"{value:f}"
    if _is_nordic():
        return f"{text.replace('.', ',')} %"
    return f"{text}%"


def period_parts(start, end):
    """``(start text, separator, end text)``, for pages that mark up each date."""
    start_text = formats.date_format(start) if start else ""
    end_text = formats.date_format(end) if end else ""
    separator = "–" if _is_nordic() else " – "
    return start_text, separator, end_text


def format_period(start, end):
    if not start and not end:
        return ""
    return "".join(period_parts(start, end))
