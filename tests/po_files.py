"""Reading gettext ``.po`` files in tests, one parser for all of them."""


def po_entries(po_file):
    """Each message of a ``.po`` file, without the header and obsolete (``#~``) ones: dicts with
    ``msgid`` and, where the file has them, ``msgctxt``, ``msgid_plural``, ``msgstr`` (all plural
    forms joined) and ``flags`` (the ``#,`` lines), their texts as written (escaped)."""
    entries, entry, current = [], {}, None
    for line in [*po_file.read_text(encoding="utf-8").splitlines(), ""]:
        field = line.split(" ", 1)[0]
        if not line.strip():
            if entry.get("msgid"):
                entries.append(entry)
            entry, current = {}, None
        elif line.startswith("#,"):
            entry["flags"] = entry.get("flags", "") + line
        elif line.startswith("#"):
            continue
        elif field in {"msgctxt", "msgid", "msgid_plural"}:
            entry[field], current = line[len(field) + 2 : -1], field
        elif field.startswith("msgstr"):
            entry["msgstr"], current = entry.get("msgstr", "") + line.split('"', 1)[1][:-1], "msgstr"
        elif line.startswith('"') and current:
            entry[current] += line[1:-1]
    return entries
