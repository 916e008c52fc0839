"""Numbers in the admin's forms in the user's language's form: ``566 712,00`` in Finnish and
Swedish, ``566,712.00`` in English, where Django's number input showed ``566712.00``.

The input is a text field (``inputmode="decimal"`` brings the phone's number keyboard) that
shows the value grouped and with the language's decimal separator, and accepts what a person
types: with or without the spaces, with a comma or a point.
"""

from django import forms
from django.contrib.admin import options
from django.db import models
from django.utils import formats

# Spaces people and programs put between thousands: space, no-break space, narrow no-break space.
GROUP_SPACES = (" ", "\u00a0", "\u202f")


class LocalizedDecimalInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if value in (None, "") or isinstance(value, str):
            return super().format_value(value)  # as typed, when the form comes back with an error
        return formats.number_format(value, use_l10n=True, force_grouping=True)


class LocalizedDecimalField(forms.DecimalField):
    widget = LocalizedDecimalInput

    def __init__(self, **kwargs):
        kwargs["localize"] = True
        super().__init__(**kwargs)

    def to_python(self, value):
        # The grouping goes before Django reads the decimal separator (which also takes a point).
        if isinstance(value, str):
            grouping = {*GROUP_SPACES, formats.get_format("THOUSAND_SEPARATOR")} - {
                formats.get_format("DECIMAL_SEPARATOR")
            }
            for separator in grouping:
                value = value.replace(separator, "")
        return super().to_python(value)


def use_localized_numbers():
    """Every admin form's decimal fields (budgets, funding shares, credits) use the field above."""
    options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DecimalField] = {"form_class": LocalizedDecimalField}
