"""The base of the portal's django-import-export resources."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import resources

# C0 and C1 control characters (NUL among them) except tab, line feed and carriage return:
# no field stores them, SQLite would keep a NUL and PostgreSQL refuses it with a database error.
FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
FORBIDDEN_CHARACTERS_REFUSED = _("The value contains characters that are not allowed (e.g. NUL).")


class PortalResource(resources.ModelResource):
    """A resource whose export knows what it holds.

    ``data_protection_note``: shown on the export page and written into the file
    (a second sheet in Excel, see ``formats.XLSX``) when the rows are personal data.
    ``default_export_fields``: the columns ticked when the export page opens (data
    minimisation: the user adds what the task needs); ``None`` ticks them all.
    """

    data_protection_note = None
    default_export_fields = None

    def before_import_row(self, row, **kwargs):
        """Refuse a row with a control character in any value, before anything (even the
        lookup of the row's object) reaches the database: an error at that column."""
        super().before_import_row(row, **kwargs)
        columns = {field.column_name: field.attribute or field.column_name for field in self.get_import_fields()}
        refused = {
            columns.get(column, column): [ValidationError(FORBIDDEN_CHARACTERS_REFUSED, code="control_characters")]
            for column, value in row.items()
            if isinstance(value, str) and FORBIDDEN_CHARACTERS.search(value)
        }
        if refused:
            raise ValidationError(refused)

    def after_export(self, queryset, dataset, **kwargs):
        super().after_export(queryset, dataset, **kwargs)
        dataset.title = str(self._meta.model._meta.verbose_name_plural).capitalize()  # the sheet's name
        dataset.data_protection_note = self.data_protection_note
