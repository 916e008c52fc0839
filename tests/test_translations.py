"""Every UI string is translated into Finnish, Swedish and English: no empty or fuzzy entries."""

from pathlib import Path

import pytest

from tests.po_files import po_entries

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_ui_string_is_translated(language):
    po_file = LOCALE / language / "LC_MESSAGES" / "django.po"
    entries = po_entries(po_file)
    assert len(entries) > 100
    untranslated = [entry["msgid"] for entry in entries if not entry.get("msgstr")]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry.get("flags", "")]
    assert not untranslated, untranslated[:10]
    assert not fuzzy, fuzzy[:10]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_translations_are_compiled(language):
    po_file = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo_file = po_file.with_suffix(".mo")
    assert mo_file.exists(), "run `make messages` (make test does it)"
    assert mo_file.stat().st_mtime >= po_file.stat().st_mtime - 1
