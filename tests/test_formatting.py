import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from socoba_portal.formatting import format_money, format_percent, format_period

START, END = datetime.date(2018, 1, 1), datetime.date(2021, 3, 31)


@pytest.mark.parametrize(
    ("language", "money", "percent", "period"),
    [
        ("fi", "566 712 €", "75 %", "1.1.2018–31.3.2021"),
        ("sv", "566 712 €", "75 %", "1.1.2018–31.3.2021"),
        ("en", "€566,712", "75%", "1 January 2018 – 31 March 2021"),
    ],
)
def test_formats_follow_the_language(language, money, percent, period):
    with translation.override(language):
        assert format_money(Decimal("566712.00")) == money
        assert format_percent(Decimal("75.00")) == percent
        assert format_period(START, END) == period


def test_money_keeps_cents_only_when_there_are_some():
    with translation.override("fi"):
        assert format_money(Decimal("1234.50")) == "1 234,50 €"
        assert format_money(Decimal("0")) == "0 €"
        assert format_money(None) == ""


def test_fractional_percent_uses_the_decimal_comma_in_finnish():
    with translation.override("fi"):
        assert format_percent(Decimal("12.50")) == "12,5 %"
    with translation.override("en"):
        assert format_percent(Decimal("12.50")) == "12.5%"
