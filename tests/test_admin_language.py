"""The admin in Finnish and Swedish all the way: every admin page a project's staff can
open, in fi and sv, has no English UI word, and no message of Django's own catalogues falls
back to English (the portal supplies what Django 6.1 lacks in its own ``locale/``)."""

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import django
import pytest
from django.utils.translation import trans_real

from tests.conftest import with_mfa
from tests.po_files import po_entries

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv"]
ROLES = ["coordinator", "reporter", "student-data-officer"]

# Words of the admin's interface that are English and neither Finnish nor Swedish. Data
# (names, titles, the English versions of translated fields in their own inputs) is not
# interface text and is left out of the check.
ENGLISH_UI_WORDS = {
    "Add", "Change", "Delete", "Save", "History", "Home", "Select", "Run", "Search", "Filter",
    "Pagination", "Show", "Hide", "View", "Choose", "Remove", "Clear", "Today", "Yesterday",
    "Tomorrow", "Now", "Yes", "Unknown", "Welcome", "Documentation", "Logout", "selected",
    "results", "result", "entries", "entry", "Previous", "Next", "Download", "Upload",
    "Confirm", "Cancel", "Submit", "Close", "Required", "Optional", "Actions", "Action",
    "Any", "Past", "This", "month", "year", "days", "Has", "date", "the", "and", "of", "with",
    "by", "to", "for", "or", "link", "list", "option", "field", "fields", "file", "Format",
    "Resource", "Export", "Import", "Total", "object", "objects", "Are", "you", "sure",
    "Log", "out", "password", "Password", "Back", "Go", "None", "True", "False",
}  # fmt: skip
# Words that are the same in Swedish (or Finnish) as in English.
SAME_IN = {"sv": {"Format", "Export", "Import", "Filter"}, "fi": set()}


class _InterfaceText(HTMLParser):
    """The text a person reads or hears on an admin page: text nodes, and the title,
    aria-label, placeholder, alt and button values; not scripts, styles, or the data in
    text inputs, text areas, read-only fields and the cells of a language's version of a
    translated field (an organisation's English name, a course's)."""

    SKIPPED = {"script", "style", "textarea", "template"}
    ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
    DATA = re.compile(r"\breadonly\b|\bfield-\w+_(fi|sv|en)\b")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping, self.texts = 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skipping and tag in self.VOID:
            return
        if tag in self.SKIPPED or self.skipping or self.DATA.search(attrs.get("class") or ""):
            self.skipping += 1
            return
        self.texts += [value for name, value in attrs.items() if name in self.ATTRIBUTES and value]
        if tag in {"input", "button"} and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data)


def english_words(html, language):
    """``[(word, the text it is in), …]``: the English interface words on a page."""
    parser = _InterfaceText()
    parser.feed(html)
    english = ENGLISH_UI_WORDS - SAME_IN[language]
    return sorted(
        (word, " ".join(text.split())[:80])
        for text in parser.texts
        for word in set(re.findall(r"[A-Za-z]+", text)) & english
    )


def _links(html):
    return re.findall(r'href="(/admin/[^"#]*)"', html)


def admin_pages(client):
    """Every admin page a signed-in staff member can open from the index, one object a
    model: changelists, add and change forms, history, delete confirmations, exports,
    check-in and the other views linked from them. ``{path: html}``."""
    pages, queue, seen_models = {}, ["/admin/"], set()
    while queue:
        path = queue.pop(0)
        if path in pages or "?" in path or path.endswith(("/logout/", "/export-json/")) or "/reports/" in path:
            continue
        object_page = re.match(r"/admin/(\w+/\w+)/([^/]+)/", path)
        if object_page and object_page.group(2) not in {"add", "export", "import"}:
            model, key = object_page.groups()
            if (model, "object") in seen_models and (model, key) not in seen_models:
                continue
            seen_models |= {(model, "object"), (model, key)}
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        pages[path] = response.content.decode()
        queue += [urlsplit(link).path for link in _links(pages[path])]
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_a_member_opens_speaks_their_language(
    client, demo_data, django_user_model, role, language
):
    user = with_mfa(django_user_model.objects.get(email=f"kainuu.{role}@demo.invalid"))
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    pages = admin_pages(client)
    assert len(pages) > 5, sorted(pages)
    english = {path: found for path, html in pages.items() if (found := english_words(html, language))}
    assert english == {}


def test_the_check_finds_english_interface_text():
    html = (
        '<p>Valitse</p><button type="submit">Run</button>'
        '<input value="Kainuu and Kymenlaakso"><p title="Pagination">x</p>'
    )
    assert [word for word, _text in english_words(html, "fi")] == ["Pagination", "Run"]


# The catalogues the admin speaks from: (domain, package folder, its English template, or
# None where the package ships none and its messages are read from its source).
SITE_PACKAGES = Path(django.__file__).parent.parent
CATALOGUES = [
    ("django", "django/conf"),
    ("django", "django/contrib/admin"),
    ("djangojs", "django/contrib/admin"),
    ("django", "django/contrib/auth"),
    ("django", "django/contrib/contenttypes"),
    ("django", "allauth"),
    ("django", "import_export"),
]


def _unescape(text):
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _po_messages(po):
    """The messages of a ``.po`` file, as gettext catalogue keys (``"context\x04message"``
    with a context, ``(message, 0)`` for a plural)."""
    keys = set()
    for entry in po_entries(po):
        key = _unescape(entry["msgid"])
        if "msgctxt" in entry:
            key = f"{_unescape(entry['msgctxt'])}\x04{key}"
        keys.add((key, 0) if "msgid_plural" in entry else key)
    return keys


def _package_messages(domain, folder, tmp_path):
    """Every message of a package: its English template, or for a package that ships none
    (django-import-export) what ``makemessages`` finds in a copy of its source."""
    template = SITE_PACKAGES / folder / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    if not template.exists():
        copy = tmp_path / Path(folder).name
        shutil.copytree(SITE_PACKAGES / folder, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
        (copy / "locale").mkdir()
        environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
        django_admin = Path(sys.executable).parent / "django-admin"
        command = [django_admin, "makemessages", "-l", "en", "-d", domain, "-v", "0"]
        subprocess.run(command, cwd=copy, env=environment, check=True)  # noqa: S603 (a fixed command)
        template = copy / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    return _po_messages(template)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("domain", "folder"), CATALOGUES)
def test_no_message_falls_back_to_another_language(domain, folder, language, tmp_path):
    """Every message of the catalogues the admin uses has a Finnish and a Swedish text, from
    the package or, where it has none, from the portal's ``locale/``: no English, and no
    Finnish in a Swedish page (Django falls back to ``LANGUAGE_CODE``, Finnish, first)."""
    catalogue = trans_real.DjangoTranslation(language, domain=domain)._catalog  # its own, without the fallback
    missing = sorted(str(key) for key in _package_messages(domain, folder, tmp_path) if not catalogue.get(key))
    assert missing == []
