"""Fixes for the parts of Django's admin that axe-core flags (WCAG 2.1 AA).

The admin is in scope of the accessibility law (Act 306/2019) like the public site.
"""

from django import forms
from django.contrib.admin import options, widgets
from django.contrib.admin.templatetags import admin_list
from django.db import models
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class NativeDateInput(forms.DateInput):
    """The browser's own date picker: labelled, keyboard-usable, no mislabelled "Today" link."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class NativeDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class LabelledFileWidget(widgets.AdminFileWidget):
    """Tied to its <label>, not to a <legend>, which axe-core does not accept as a name."""

    use_fieldset = False


BOOLEAN_ICONS = {True: ("yes", _("Yes")), False: ("no", _("No")), None: ("unknown", _("Unknown"))}


def boolean_icon(value):
    """A yes/no/unknown icon whose text a screen reader reads in the page's language (Django
    writes alt="True", in English, on every boolean column)."""
    icon, text = BOOLEAN_ICONS[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), text)


def use_accessible_admin_widgets():
    """Make every admin's date, date-time and file fields use the widgets above, and every
    boolean column and read-only field its translated icon text (Django's lists, forms and
    utilities look ``_boolean_icon`` up in ``admin_list`` when they draw one)."""
    admin_list._boolean_icon = boolean_icon
    options.FORMFIELD_FOR_DBFIELD_DEFAULTS.update(
        {
            models.DateField: {"widget": NativeDateInput},
            models.DateTimeField: {"widget": NativeDateTimeInput, "form_class": forms.DateTimeField},
            models.FileField: {"widget": LabelledFileWidget},
            models.ImageField: {"widget": LabelledFileWidget},
        }
    )


class LabelledTabularInlineMixin:
    """A tabular inline names each field by its column header only visually; give
    every input its label as ``aria-label`` so screen readers name it too."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            widget = getattr(formfield.widget, "widget", formfield.widget)  # unwrap the related-field wrapper
            widget.attrs.setdefault("aria-label", str(formfield.label or db_field.verbose_name))
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        formset_class = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset_class):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs["aria-label"] = str(_("Delete"))

        return LabelledFormSet
