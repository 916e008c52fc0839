"""Every UI string is translated into Finnish, Swedish and English: no empty or fuzzy entries."""

from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def _entries(po_file):
    """(msgid, msgstr, flags) of each entry of a .po file, header excluded."""
    entries, flags, msgid, msgstr, field = [], "", None, None, None

    def flush():
        if msgid:
            entries.append((msgid, msgstr, flags))

    for line in [*po_file.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            flush()
            flags, msgid, msgstr, field = "", None, None, None
        elif line.startswith("#,"):
            flags += line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            msgid, field = line[7:-1], "msgid"
        elif line.startswith("msgstr"):
            value = line.split('"', 1)[1][:-1]
            msgstr = (msgstr or "") + value
            field = "msgstr"
        elif line.startswith("msgid_plural"):
            field = "plural"
        elif line.startswith('"'):
            if field == "msgid":
                msgid += line[1:-1]
            elif field == "msgstr":
                msgstr = (msgstr or "") + line[1:-1]
    return entries


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_ui_string_is_translated(language):
    po_file = LOCALE / language / "LC_MESSAGES" / "django.po"
    entries = _entries(po_file)
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstr, _flags in entries if not msgstr]
    fuzzy = [msgid for msgid, _msgstr, flags in entries if "fuzzy" in flags]
    assert not untranslated, untranslated[:10]
    assert not fuzzy, fuzzy[:10]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_translations_are_compiled(language):
    po_file = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo_file = po_file.with_suffix(".mo")
    assert mo_file.exists(), "run `make messages` (make test does it)"
    assert mo_file.stat().st_mtime >= po_file.stat().st_mtime - 1
