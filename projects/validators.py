import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_PATTERN = re.compile(r"^(\d{7})-(\d)$")
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def validate_business_id(value):
    """A Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit.

    The check digit is 11 minus the weighted sum modulo 11 (0 when the sum
    divides evenly); a remainder of 1 is never issued.
    """
    match = BUSINESS_ID_PATTERN.match(value or "")
    if not match:
        raise ValidationError(_("Enter a business ID in the form 1234567-8."), code="business_id_format")
    digits, check = match.groups()
    remainder = sum(int(d) * w for d, w in zip(digits, BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 1 or (0 if remainder == 0 else 11 - remainder) != int(check):
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong."),
            code="business_id_check",
            params={"value": value},
        )
