"""Property-based tests: hostile input to every public URL and form, and to the admin's
searches and filters for a coordinator, never answers a server error.

Hypothesis sends NUL bytes, 10 000-character strings, right-to-left and emoji text,
percent-escaped surrogates and invalid UTF-8, wrong types, negative and huge numbers.
Runtime is bounded (``max_examples``); the same tests run on PostgreSQL, which refuses
more than SQLite does (NUL bytes, integer overflow).
"""

from urllib.parse import quote

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.models import Membership, Project
from tests.conftest import with_mfa

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,  # no example database left in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

LANGUAGES = ["fi", "sv", "en"]
PLACEHOLDER = "PLACEHOLDER"

# Text a browser could send (no lone surrogates: those cannot be UTF-8 encoded at all;
# their escaped forms are in RAW_ESCAPES).
text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)
hostile_values = st.one_of(
    text,
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x00b",
            "x" * 10_001,
            "9" * 40,
            "-1",
            "-9223372036854775809",
            "99999999999999999999",
            "1e309",
            "NaN",
            "0x10",
            " 1 ",
            "1.5",
            "[]",
            "{}",
            "\u202eevil\u202c",  # right-to-left override
            "שלום عربى",
            "👩🏽‍💻🇫🇮",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "../../etc/passwd",
            "%00",
            "%",
            "\r\nSet-Cookie: x=y",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
# Percent-escapes a client can put on the wire: invalid UTF-8, escaped surrogates, NUL.
RAW_ESCAPES = st.sampled_from(["%ff", "%ED%A0%80", "%C0%80", "%00", "%E2%80%AE", "%F0%9F%98%80", "%25", "%"])


def _path_with(name, kwarg, value):
    return reverse(name, kwargs={kwarg: PLACEHOLDER}).replace(PLACEHOLDER, quote(value, safe="") or "x")


def _assert_no_server_error(response, what):
    assert response.status_code < 500, (what, response.status_code)


@pytest.fixture
def public(demo_data):
    return Project.objects.get(slug="kainuu")


@pytest.fixture
def coordinator(django_user_model, public):
    user = with_mfa(django_user_model.objects.create_user(email="fuzz@example.org", password="x", is_staff=True))
    Membership.objects.create(user=user, project=public, role=Membership.Role.COORDINATOR)
    return user


def _as(client, user, signed_in):
    """Anonymous visitors and a signed-in coordinator reach different code (reports, sessions)."""
    if signed_in:
        client.force_login(user)
    else:
        client.logout()
    return client


PATH_PARAMETERS = [
    ("projects:detail", "slug"),
    ("projects:publication", "slug"),
    ("seminars:detail", "slug"),
    ("seminars:ics", "slug"),
    ("seminars:project_calendar", "project"),
    ("seminars:cancel", "token"),
    ("seminars:certificate", "token"),
    ("students:cohort", "slug"),
    ("projects:report", "value"),
    ("seminars:report", "value"),
    ("students:report", "value"),
]


@pytest.mark.django_db
@FUZZ
@given(
    route=st.sampled_from(PATH_PARAMETERS),
    value=hostile_values,
    language=st.sampled_from(LANGUAGES),
    raw=RAW_ESCAPES,
    signed_in=st.booleans(),
)
def test_hostile_values_in_urls(client, coordinator, route, value, language, raw, signed_in):
    client = _as(client, coordinator, signed_in)
    name, kwarg = route
    with translation.override(language):
        path = _path_with(name, kwarg, value)
        raw_path = reverse(name, kwargs={kwarg: PLACEHOLDER}).replace(PLACEHOLDER, raw)
    _assert_no_server_error(client.get(path), path)
    _assert_no_server_error(client.get(raw_path), raw_path)
    if name == "seminars:cancel":
        _assert_no_server_error(client.post(path), path)


LISTS = [
    ("seminars:list", ["project", "kind", "year", "page"]),
    ("projects:publications", ["project", "kind", "year", "page"]),
    ("projects:list", ["page", "q"]),
    ("projects:home", ["q", "page"]),
    ("students:topics", ["page", "project", "q"]),
    ("seminars:feed", ["page"]),
    ("seminars:calendar", ["project"]),
    ("legal:accessibility", ["page"]),
    ("legal:privacy", ["q"]),
    ("projects:about", ["lang"]),
]


@pytest.mark.django_db
@FUZZ
@given(
    listing=st.sampled_from(LISTS),
    values=st.lists(hostile_values, min_size=4, max_size=4),
    language=st.sampled_from(LANGUAGES),
    raw=RAW_ESCAPES,
    signed_in=st.booleans(),
)
def test_hostile_filters_and_queries_on_public_pages(
    client, coordinator, listing, values, language, raw, signed_in
):
    client = _as(client, coordinator, signed_in)
    name, parameters = listing
    with translation.override(language):
        path = reverse(name)
    query = dict(zip(parameters, values, strict=False))
    _assert_no_server_error(client.get(path, query), (path, query))
    _assert_no_server_error(client.get(f"{path}?{parameters[0]}={raw}&{raw}=1"), (path, raw))


@pytest.mark.django_db
@FUZZ
@given(
    prefix=st.one_of(st.sampled_from(["fi", "sv", "en", "de", "FI", "", "fi-FI"]), text),
    rest=st.one_of(text, hostile_values),
    signed_in=st.booleans(),
)
def test_hostile_language_prefixes_and_unknown_paths(client, coordinator, prefix, rest, signed_in):
    client = _as(client, coordinator, signed_in)
    path = f"/{quote(prefix, safe='')}/{quote(rest, safe='/')}"
    _assert_no_server_error(client.get(path), path)
    _assert_no_server_error(client.get("/" + quote(rest, safe="")), rest)


REGISTRATION_FIELDS = ["name", "email", "organisation", "title", "needs", "consent", "waitlist"]


@pytest.mark.django_db
@settings(FUZZ, max_examples=30)
@given(
    fields=st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(
            ["name", "email", "organisation", "title", "needs", "consent", "waitlist"], hostile_values
        ),
    )
)
def test_hostile_registrations(client, public, fields):
    from seminars.models import Event

    event = Event.objects.public().order_by("-start").first()
    path = reverse("seminars:register", kwargs={"slug": event.slug})
    _assert_no_server_error(client.post(path, fields), fields)


@pytest.mark.django_db
@settings(FUZZ, max_examples=30)
@given(
    fields=st.fixed_dictionaries({}, optional=dict.fromkeys(["message", "page", "email"], hostile_values)),
    language=st.sampled_from(LANGUAGES),
)
def test_hostile_feedback_and_sign_in(client, public, fields, language):
    with translation.override(language):
        statement = reverse("legal:accessibility")
        login = reverse("account_login")
    _assert_no_server_error(client.post(statement, fields), fields)
    credentials = {"login": fields.get("email", ""), "password": fields.get("message", "")}
    _assert_no_server_error(client.post(login, credentials), credentials)


# The admin, for a coordinator ------------------------------------------------------------


@pytest.fixture
def coordinator_client(client, django_user_model, public):
    user = with_mfa(django_user_model.objects.create_user(email="fuzz@example.org", password="x", is_staff=True))
    Membership.objects.create(user=user, project=public, role=Membership.Role.COORDINATOR)
    client.force_login(user)
    return client


def _changelists():
    return sorted(
        (f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist", model_admin)
        for model, model_admin in admin.site._registry.items()
    )


CHANGELISTS = _changelists()
COMMON_ADMIN_PARAMETERS = ["q", "o", "p", "e", "_to_field", "_popup", "all"]


def _filter_parameters(coordinator_client, url):
    """The query parameters the changelist's own filters use (date hierarchy included)."""
    response = coordinator_client.get(url)
    if response.status_code != 200:
        return []
    changelist = response.context["cl"]
    names = [name for spec in changelist.filter_specs for name in spec.expected_parameters()]
    if changelist.date_hierarchy:
        names += [f"{changelist.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


@pytest.mark.django_db
@settings(FUZZ, max_examples=60)
@given(data=st.data())
def test_hostile_admin_searches_and_filters(coordinator_client, data):
    name, _model_admin = data.draw(st.sampled_from(CHANGELISTS))
    url = reverse(name)
    parameters = COMMON_ADMIN_PARAMETERS + _filter_parameters(coordinator_client, url)
    chosen = data.draw(st.lists(st.sampled_from(parameters), min_size=1, max_size=4, unique=True))
    query = {parameter: data.draw(hostile_values) for parameter in chosen}
    _assert_no_server_error(coordinator_client.get(url, query), (url, query))
    raw = data.draw(RAW_ESCAPES)
    _assert_no_server_error(coordinator_client.get(f"{url}?{chosen[0]}={raw}"), (url, raw))


@pytest.mark.django_db
@settings(FUZZ, max_examples=40)
@given(
    app_label=st.one_of(st.sampled_from(["projects", "seminars", "students"]), hostile_values),
    model_name=st.one_of(st.sampled_from(["partnership", "event", "contact", "publication"]), hostile_values),
    field_name=st.one_of(st.sampled_from(["organisation", "project", "parent"]), hostile_values),
    term=hostile_values,
)
def test_hostile_autocomplete(coordinator_client, app_label, model_name, field_name, term):
    query = {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term}
    _assert_no_server_error(coordinator_client.get(reverse("admin:autocomplete"), query), query)


@pytest.mark.django_db
@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_hostile_admin_object_ids(coordinator_client, data):
    name, _model_admin = data.draw(st.sampled_from(CHANGELISTS))
    object_id = data.draw(hostile_values)
    for view in ("change", "delete", "history"):
        url = reverse(name.replace("_changelist", f"_{view}"), args=["1"]).replace(
            "/1/", f"/{quote(object_id, safe='') or 'x'}/", 1
        )
        _assert_no_server_error(coordinator_client.get(url), url)
