"""A visitor registers for a seminar and switches language using only the keyboard."""

import pytest
from django.core import mail

from seminars.models import Event, Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page, selector, limit=80):
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_register_for_a_seminar_and_switch_language_with_the_keyboard(page, live_server, demo_data):
    event = next(e for e in Event.objects.public().upcoming() if e.registration_is_open())
    page.goto(live_server.url + event.get_absolute_url())

    # The skip link is the first stop and moves the focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    _tab_to(page, "input[name=name]")
    page.keyboard.type("Näppäimistö Käyttäjä (demo)")
    _tab_to(page, "input[name=email]")
    page.keyboard.type("nappaimisto@example.org")
    _tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    _tab_to(page, "form button[type=submit]")
    # A form sent sooner than PUBLIC_FORM_MIN_FILL_SECONDS is a bot's; people take longer.
    page.wait_for_timeout(3100)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    registration = Registration.objects.get(event=event, email="nappaimisto@example.org")
    assert registration.name == "Näppäimistö Käyttäjä (demo)"
    assert any("nappaimisto@example.org" in message.to for message in mail.outbox)

    # Switch to Swedish on the same page.
    _tab_to(page, "a[hreflang=sv]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(live_server.url + "/sv/")
    assert page.evaluate("document.documentElement.lang") == "sv"


def test_a_refused_registration_lands_on_the_error_summary_on_a_phone(page, live_server, demo_data):
    """At 390 px, keyboard only: a form with an error comes back scrolled to the registration
    section, with the focus on the error summary, and still offers a place, not the waiting list."""
    event = next(e for e in Event.objects.public().upcoming() if e.registration_is_open() and not e.is_full())
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + event.get_absolute_url())
    _tab_to(page, "input[name=email]")
    page.keyboard.type("not-an-email")
    _tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    _tab_to(page, "form button[type=submit]")
    page.wait_for_timeout(3100)  # people take longer than PUBLIC_FORM_MIN_FILL_SECONDS
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith("#registration")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert 0 <= top < 800, "the error summary is not in view"
    summary = page.inner_text(".error-summary")
    assert "Nimi" in summary and "Sähköposti" in summary
    assert "jonotuslista" not in page.inner_text("main").lower()
    assert not Registration.objects.filter(event=event).filter(email="not-an-email").exists()
    # The error links lead to the fields.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") in {"name", "email"}
