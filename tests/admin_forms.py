"""Build the POST data of an admin change form from its GET response, as a browser would."""

from django.db.models.fields.files import FieldFile


def _value(bound_field):
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, FieldFile):
        return None  # a file input without a new file sends nothing; the stored file stays
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return value


def _add_form(data, form):
    for name in form.fields:
        value = _value(form[name])
        if value is False:
            continue  # an unchecked checkbox sends nothing
        data[form.add_prefix(name)] = True if value is True else value


def admin_form_data(response, **overrides):
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for form in formset.initial_forms:
            _add_form(data, form)
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
