"""The first sign-in of someone who must use two-factor authentication, in a browser on a
phone-sized screen: sign in → why MFA is required → set up the app → save the recovery codes
→ the admin, with no second password prompt."""

import pytest
from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-Long-passphrase-2026"


def test_the_first_sign_in_sets_up_mfa_in_one_path(browser, live_server, django_user_model, artifacts):
    django_user_model.objects.create_superuser(email="root@example.org", password=PASSWORD)
    context = browser.new_context(locale="fi-FI", viewport={"width": 390, "height": 844})
    page = context.new_page()
    shots = artifacts / "screenshots"

    page.goto(f"{live_server.url}/fi/accounts/login/?next=/admin/")
    page.get_by_label("Sähköposti").fill("root@example.org")
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert page.get_by_text("Kaksivaiheista tunnistautumista edellytetään").is_visible()
    page.screenshot(path=str(shots / "mfa-1-activate-390.png"), full_page=True)

    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Tunnistinkoodi").fill(f"{hotp_value(secret, next(yield_hotp_counters_from_time())):06d}")
    page.get_by_role("button", name="Aktivoi").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    assert len(page.locator("#recovery_codes").input_value().split()) == 10
    page.screenshot(path=str(shots / "mfa-2-recovery-codes-390.png"), full_page=True)

    page.get_by_role("link", name="Jatka ylläpitoon").click()
    page.wait_for_url("**/admin/")
    assert page.title() == "Sivuston ylläpito | SOCOBA-portaali"  # the admin index, signed in
    page.screenshot(path=str(shots / "mfa-3-admin-390.png"), full_page=True)
    context.close()
