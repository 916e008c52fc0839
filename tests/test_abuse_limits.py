"""Floods and bots against the public forms, and sign-in that nobody can lock
(socoba_portal/abuse.py, socoba_portal/accounts/adapter.py).

Every attack here succeeded on the old code: 200 registrations from one address,
49 feedback mails in 0.4 s, and a real user locked out by 20 failures on made-up emails.
"""

import datetime
import io
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail, signing
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from seminars.models import Registration
from socoba_portal.abuse import client_ip, signed_start
from socoba_portal.legal import demo
from tests.public_forms import filled_by_a_person
from tests.seminars.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
REAL_USER_ADDRESS = "198.51.100.7"
PASSWORD = "a-Long-passphrase-2026"


def registration_data(email="maija@example.org", **overrides):
    return filled_by_a_person(
        {"name": "Maija Meikäläinen", "email": email, "consent": "on", "waitlist": "on", **overrides}
    )


def register_url(event, language="en"):
    with translation.override(language):
        return reverse("seminars:register", kwargs={"slug": event.slug})


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST with the after-commit mail run, as in production."""

    def _post(url, data=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, **extra)

    return _post


def form_started_in(html):
    return re.search(r'name="form_started" value="([^"]+)"', html).group(1)


# --- Registration: floods --------------------------------------------------------------


def test_the_eleventh_registration_from_one_address_is_refused_with_429(post):
    event = EventFactory(capacity=5)
    url = register_url(event)
    for number in range(10):
        assert post(url, registration_data(f"person{number}@example.org"), REMOTE_ADDR=ATTACKER).status_code == 302
    assert len(mail.outbox) == 10

    response = post(url, registration_data("person10@example.org"), REMOTE_ADDR=ATTACKER)

    assert response.status_code == 429
    assert Registration.objects.count() == 10
    assert not Registration.objects.filter(email="person10@example.org").exists()
    assert len(mail.outbox) == 10
    # The portal's page, the form still there, the reason in the announced error summary.
    html = response.text
    assert 'class="skip-link"' in html and 'name="email"' in html
    summary = re.search(r'<div class="error-summary" role="alert"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert "Too many submissions" in summary and "Nothing was saved" in summary


def test_the_limit_message_is_in_the_visitors_language(post):
    event = EventFactory(capacity=None)
    for number in range(10):
        post(register_url(event, "fi"), registration_data(f"p{number}@example.org"), REMOTE_ADDR=ATTACKER)
    with translation.override("fi"):
        response = post(register_url(event, "fi"), registration_data("p10@example.org"), REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429
    assert "Liian monta" in response.text


def test_a_flood_from_one_address_does_not_stop_someone_else(post):
    event = EventFactory(capacity=None)
    for number in range(11):
        post(register_url(event), registration_data(f"bot{number}@example.org"), REMOTE_ADDR=ATTACKER)
    response = post(register_url(event), registration_data("real@example.org"), REMOTE_ADDR=REAL_USER_ADDRESS)
    assert response.status_code == 302
    assert Registration.objects.filter(email="real@example.org").exists()


def test_the_fourth_registration_for_one_email_is_refused_even_from_different_addresses(post):
    events = EventFactory.create_batch(4, capacity=None)
    for number, event in enumerate(events[:3]):
        response = post(
            register_url(event), registration_data("victim@example.org"), REMOTE_ADDR=f"192.0.2.{number}"
        )
        assert response.status_code == 302
    response = post(register_url(events[3]), registration_data("Victim@Example.org"), REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429
    assert Registration.objects.filter(email="victim@example.org").count() == 3
    assert len(mail.outbox) == 3


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(post):
    """With no trusted proxy (the default), X-Forwarded-For is the visitor's to write."""
    event = EventFactory(capacity=None)
    for number in range(10):
        post(
            register_url(event),
            registration_data(f"p{number}@example.org"),
            REMOTE_ADDR=ATTACKER,
            headers={"x-forwarded-for": f"10.0.0.{number}"},
        )
    response = post(
        register_url(event),
        registration_data("p10@example.org"),
        REMOTE_ADDR=ATTACKER,
        headers={"x-forwarded-for": "10.0.0.99"},
    )
    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(post, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.1.1.1"
    event = EventFactory(capacity=None)
    for number in range(10):
        post(
            register_url(event),
            registration_data(f"p{number}@example.org"),
            REMOTE_ADDR=proxy,
            headers={"x-forwarded-for": f"1.2.3.4, {ATTACKER}"},
        )
    flooder = post(
        register_url(event),
        registration_data("p10@example.org"),
        REMOTE_ADDR=proxy,
        headers={"x-forwarded-for": ATTACKER},
    )
    other = post(
        register_url(event),
        registration_data("real@example.org"),
        REMOTE_ADDR=proxy,
        headers={"x-forwarded-for": REAL_USER_ADDRESS},
    )
    assert (flooder.status_code, other.status_code) == (429, 302)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "", "198.51.100.7"),
        (0, "198.51.100.7", "203.0.113.1", "198.51.100.7"),
        (1, "10.0.0.1", "203.0.113.1", "203.0.113.1"),
        (1, "10.0.0.1", "6.6.6.6, 203.0.113.1", "203.0.113.1"),
        (2, "10.0.0.1", "6.6.6.6, 203.0.113.1, 10.0.0.2", "203.0.113.1"),
        (2, "10.0.0.1", "203.0.113.1", "10.0.0.1"),  # did not come through both proxies
        (1, "10.0.0.1", "not-an-address", None),
        (0, "2001:db8::1", "", "2001:db8::1"),
    ],
)
def test_client_address_follows_the_trusted_proxy_count(rf, settings, proxies, remote, forwarded, expected):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    assert client_ip(rf.get("/", REMOTE_ADDR=remote, headers=headers)) == expected


def test_failed_validations_do_not_count(post):
    """A person correcting mistakes is not locked out: only valid submissions count."""
    event = EventFactory(capacity=None)
    for _ in range(15):
        assert (
            post(register_url(event), registration_data(email="not-an-email"), REMOTE_ADDR=ATTACKER).status_code
            == 200
        )
    response = post(register_url(event), registration_data(), REMOTE_ADDR=ATTACKER)
    assert response.status_code == 302


# --- Registration: bots ----------------------------------------------------------------


def test_a_filled_honeypot_gets_the_normal_redirect_and_nothing_else(post):
    event = EventFactory()
    response = post(register_url(event), {**registration_data(), "website": "http://spam.example"})
    assert response.status_code == 302
    assert response.url == event.get_absolute_url() + "#registration"
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_a_form_sent_too_fast_is_shown_again_and_handled_the_second_time(client, post, time_machine):
    """The real start time from the page, the real minimum (3 s): time is moved, not faked.
    Too fast (a bot, or a person with autofill): nothing is stored or sent, the form comes
    back with the data kept and a request to send it again, which then works."""
    event = EventFactory()
    time_machine.move_to(timezone.now(), tick=False)
    started = form_started_in(client.get(event.get_absolute_url()).text)
    time_machine.shift(datetime.timedelta(seconds=1))
    response = post(register_url(event), {**registration_data(), "form_started": started})
    assert response.status_code == 200
    assert not Registration.objects.exists()
    assert not mail.outbox
    assert "send the form again" in response.text
    assert 'value="maija@example.org"' in response.text
    restarted = form_started_in(response.text)
    assert restarted != started

    time_machine.shift(datetime.timedelta(seconds=1))
    again_too_fast = post(register_url(event), {**registration_data(), "form_started": restarted})
    assert again_too_fast.status_code == 200 and not Registration.objects.exists()
    time_machine.shift(datetime.timedelta(seconds=settings.PUBLIC_FORM_MIN_FILL_SECONDS + 1))
    response = post(register_url(event), {**registration_data(), "form_started": restarted})
    assert response.status_code == 302
    assert Registration.objects.get().email == "maija@example.org"


def test_a_person_who_takes_a_few_seconds_is_registered(client, post, time_machine):
    event = EventFactory()
    time_machine.move_to(timezone.now(), tick=False)
    started = form_started_in(client.get(event.get_absolute_url()).text)
    time_machine.shift(datetime.timedelta(seconds=settings.PUBLIC_FORM_MIN_FILL_SECONDS + 1))
    response = post(register_url(event), {**registration_data(), "form_started": started})
    assert response.status_code == 302
    assert Registration.objects.get().email == "maija@example.org"
    assert len(mail.outbox) == 1
    assert "Your place is confirmed" in client.get(response.url).text


@pytest.mark.parametrize(
    "form_started",
    [
        pytest.param(None, id="missing"),
        pytest.param("", id="empty"),
        pytest.param("1700000000.0", id="unsigned"),
        # Fixed test ids: pytest-xdist workers must collect the same names.
        pytest.param(signed_start(1_700_000_000.0)[:-2] + "xx", id="signature broken"),
        pytest.param("earlier", id="an earlier time under the same signature"),
    ],
)
def test_a_missing_or_tampered_start_time_is_a_bot(post, form_started):
    event = EventFactory()
    data = registration_data()
    if form_started is None:
        del data["form_started"]
    elif form_started == "earlier":
        _, signature = data["form_started"].split(":", 1)
        data["form_started"] = f"{signing.b64_encode(b'1600000000.0').decode()}:{signature}"
    else:
        data["form_started"] = form_started
    response = post(register_url(event), data)
    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_bots_do_not_use_up_a_persons_limit(post):
    event = EventFactory(capacity=None)
    for _ in range(20):
        post(register_url(event), {**registration_data(), "website": "x"}, REMOTE_ADDR=ATTACKER)
    assert post(register_url(event), registration_data(), REMOTE_ADDR=ATTACKER).status_code == 302


def test_the_honeypot_is_hidden_from_sight_and_from_screen_readers(client):
    event = EventFactory()
    with translation.override("en"):
        html = client.get(event.get_absolute_url()).text
    wrapper = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S).group(1)
    assert '<label for="id_website">Leave this field empty</label>' in wrapper
    field = re.search(r"<input[^>]*name=\"website\"[^>]*>", wrapper).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field and 'type="text"' in field
    assert "value=" not in field or 'value=""' in field
    assert 'type="hidden" name="form_started"' in html
    assert ".visually-hidden" in (settings.BASE_DIR / "static/css/site.css").read_text()


# --- Accessibility feedback and cancellation ---------------------------------------------


@pytest.fixture
def statement(db):
    demo.load(io.StringIO())


def feedback_url():
    with translation.override("en"):
        return reverse("legal:accessibility")


def test_the_sixth_feedback_from_one_address_is_refused_and_not_mailed(post, statement):
    for number in range(5):
        response = post(feedback_url(), filled_by_a_person({"message": f"Palaute {number}"}), REMOTE_ADDR=ATTACKER)
        assert response.status_code == 302
    response = post(feedback_url(), filled_by_a_person({"message": "Palaute 6"}), REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429
    assert len(mail.outbox) == 5
    assert 'role="alert"' in response.text and "Too many submissions" in response.text
    assert 'name="message"' in response.text
    other = post(feedback_url(), filled_by_a_person({"message": "Toinen"}), REMOTE_ADDR=REAL_USER_ADDRESS)
    assert other.status_code == 302 and len(mail.outbox) == 6


def test_feedback_from_a_bot_is_dropped_quietly(post, statement):
    honeypot = post(feedback_url(), {**filled_by_a_person({"message": "spam"}), "website": "x"})
    too_fast = post(feedback_url(), {"message": "spam", "form_started": signed_start()})
    assert (honeypot.status_code, too_fast.status_code) == (302, 200)
    assert "send the form again" in too_fast.text
    assert not mail.outbox


def test_the_feedback_form_has_the_honeypot(client, statement):
    html = client.get(feedback_url()).text
    assert '<div class="visually-hidden" aria-hidden="true"><label for="id_website">' in html
    assert 'name="form_started"' in html


def test_cancellation_posts_are_limited_per_address(post):
    registrations = RegistrationFactory.create_batch(11, event=EventFactory(capacity=None))
    for registration in registrations[:10]:
        assert post(registration.get_cancel_url(), REMOTE_ADDR=ATTACKER).status_code == 200
    response = post(registrations[10].get_cancel_url(), REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429
    registrations[10].refresh_from_db()
    assert registrations[10].status == Registration.Status.CONFIRMED
    assert len(mail.outbox) == 10
    assert 'role="alert"' in response.text
    assert post(registrations[10].get_cancel_url(), REMOTE_ADDR=REAL_USER_ADDRESS).status_code == 200
    registrations[10].refresh_from_db()
    assert registrations[10].status == Registration.Status.CANCELLED


# --- Sign-in that nobody can lock --------------------------------------------------------


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(email="staff@example.org", password=PASSWORD, is_staff=True)


def sign_in(email, password, address, **headers):
    """A fresh browser each time: no cookie carries state between attempts."""
    browser = Client()
    response = browser.post(
        "/en/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=address, headers=headers
    )
    return browser, response


def signed_in(browser):
    return "_auth_user_id" in browser.session


def test_brute_force_on_one_account_from_one_address_is_stopped(staff_user):
    for _ in range(5):
        sign_in("staff@example.org", "guess", ATTACKER)
    browser, response = sign_in("staff@example.org", PASSWORD, ATTACKER)
    assert not signed_in(browser)
    assert "Too many failed login attempts" in response.text


def test_failures_from_other_addresses_do_not_lock_the_account(staff_user):
    for number in range(30):
        sign_in("staff@example.org", "guess", f"192.0.2.{number % 6}")
    browser, _ = sign_in("staff@example.org", PASSWORD, REAL_USER_ADDRESS)
    assert signed_in(browser)


def test_made_up_emails_from_one_address_do_not_lock_a_real_user_there(staff_user):
    """The attack seen: 20 failures with made-up emails, then the real user, same address
    (a shared office network)."""
    for number in range(40):
        sign_in(f"made-up-{number}@example.org", "guess", ATTACKER)
    browser, _ = sign_in("staff@example.org", PASSWORD, ATTACKER)
    assert signed_in(browser)


def test_a_flooding_address_gets_one_try_per_account(staff_user, django_user_model):
    django_user_model.objects.create_user(email="other@example.org", password=PASSWORD, is_staff=True)
    for number in range(20):
        sign_in(f"made-up-{number}@example.org", "guess", ATTACKER)
    # Throttled: a second guess on an account from the flooding address is refused
    # (normally an account gets 5 per address).
    _, first = sign_in("other@example.org", "guess", ATTACKER)
    browser, second = sign_in("other@example.org", PASSWORD, ATTACKER)
    assert "Too many failed login attempts" not in first.text
    assert not signed_in(browser) and "Too many failed login attempts" in second.text
    # A different account's correct password from the same address still signs in.
    browser, _ = sign_in("staff@example.org", PASSWORD, ATTACKER)
    assert signed_in(browser)


def test_sign_in_limits_follow_the_trusted_proxy_address(staff_user, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(6):
        sign_in("staff@example.org", "guess", "10.1.1.1", **{"x-forwarded-for": ATTACKER})
    attacker, _ = sign_in("staff@example.org", PASSWORD, "10.1.1.1", **{"x-forwarded-for": ATTACKER})
    real, _ = sign_in("staff@example.org", PASSWORD, "10.1.1.1", **{"x-forwarded-for": REAL_USER_ADDRESS})
    assert (signed_in(attacker), signed_in(real)) == (False, True)


def test_a_successful_sign_in_does_not_use_up_the_budget(staff_user):
    for _ in range(10):
        browser, _ = sign_in("staff@example.org", PASSWORD, ATTACKER)
        assert signed_in(browser)


def test_the_counters_are_shared_by_every_worker(staff_user):
    """The limits live in the shared cache (the database table here), not in one process's
    memory: a second worker's cache connection sees the first one's counts."""
    for _ in range(5):
        sign_in("staff@example.org", "guess", ATTACKER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM socoba_cache")
        keys = [row[0] for row in cursor.fetchall()]
    failure_keys = [key for key in keys if "login_failed" in key]
    assert failure_keys
    second_worker = caches.create_connection("default")
    assert second_worker is not cache
    [key] = [k.split(":", 2)[2] for k in failure_keys if ":ip:" not in k]  # strip KEY_PREFIX:VERSION
    assert len(second_worker.get(key)) == 5
    # And that worker refuses the correct password from that address.
    browser, _ = sign_in("staff@example.org", PASSWORD, ATTACKER)
    assert not signed_in(browser)


# --- The cache, the sessions -------------------------------------------------------------


def test_the_test_database_has_the_cache_table():
    assert "socoba_cache" in connection.introspection.table_names()
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def cache_backend_with(**environ):
    """The cache backend that the development settings choose in a fresh process."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "socoba_portal.settings.dev", **environ}
    env = {name: value for name, value in env.items() if value is not None}
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR
    )
    return result.stdout.strip()


def test_redis_url_selects_djangos_redis_cache_else_the_database():
    assert (
        cache_backend_with(REDIS_URL="redis://127.0.0.1:6379/0") == "django.core.cache.backends.redis.RedisCache"
    )
    assert cache_backend_with(REDIS_URL=None) == "django.core.cache.backends.db.DatabaseCache"


@pytest.fixture
def redis_cache(settings, local_redis):
    """The rate limits (and the pages) in the local Redis, under the test's own prefix."""
    settings.CACHES = {"default": local_redis.cache(), "pages": local_redis.cache("pages")}
    return local_redis.url, local_redis.prefix


def test_the_limits_hold_in_redis_across_workers(post, redis_cache):
    _, prefix = redis_cache
    event = EventFactory(capacity=None)
    for number in range(10):
        post(register_url(event), registration_data(f"p{number}@example.org"), REMOTE_ADDR=ATTACKER)
    assert post(register_url(event), registration_data("x@example.org"), REMOTE_ADDR=ATTACKER).status_code == 429
    # Another worker's connection to the same Redis sees the counter.
    second_worker = caches.create_connection("default")
    keys = list(second_worker._cache.get_client().scan_iter(f"{prefix}:*:seminar_registration:*:ip:*"))
    assert len(keys) == 1
    assert len(second_worker.get(keys[0].decode().split(":", 2)[2])) == 10


def test_a_staff_session_ends_after_a_working_day(staff_user, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    browser, _ = sign_in("staff@example.org", PASSWORD, REAL_USER_ADDRESS)
    assert signed_in(browser)
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert browser.session.get_expire_at_browser_close()
    assert browser.get("/admin/").status_code == 200
    time_machine.shift(datetime.timedelta(hours=8))
    assert browser.get("/admin/").status_code == 200
    time_machine.shift(datetime.timedelta(hours=2))
    response = browser.get("/admin/")
    assert response.status_code == 302 and "login" in response.url
