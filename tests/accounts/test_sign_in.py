"""Staff sign-in with django-allauth: email + password, no sign-up, invitations,
password reset, rate limits and required MFA."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import with_mfa

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-passphrase-2026"


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(email="staff@example.org", password=PASSWORD, is_staff=True)


def test_there_is_no_sign_up_page(client):
    for language in ["fi", "sv", "en"]:
        assert client.get(f"/{language}/accounts/signup/").status_code == 404
    assert "signup" not in client.get("/fi/accounts/login/").text


def test_login_page_uses_the_portal_layout_in_each_language(client):
    for language in ["fi", "sv", "en"]:
        html = client.get(f"/{language}/accounts/login/").text
        assert f'<html lang="{language}">' in html
        assert 'class="skip-link"' in html
        assert 'name="login"' in html and 'name="password"' in html


def test_staff_sign_in_with_email_and_password(client, staff_user):
    response = client.post("/fi/accounts/login/", {"login": "staff@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_wrong_password_gives_a_message_not_an_error(client, staff_user):
    response = client.post("/fi/accounts/login/", {"login": "staff@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_login_is_rate_limited(client, staff_user):
    for _ in range(6):
        client.post("/fi/accounts/login/", {"login": "staff@example.org", "password": "wrong"})
    response = client.post("/fi/accounts/login/", {"login": "staff@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in {200, 429}


def test_password_reset_by_email(client, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fi/accounts/password/reset/", {"email": "staff@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["staff@example.org"]
    assert "/fi/accounts/password/reset/key/" in mail.outbox[0].body


def _set_password_via_link(client, url, password):
    response = client.get(url)
    assert response.status_code == 302  # allauth moves the key into the session
    set_url = response.url
    response = client.post(set_url, {"password1": password, "password2": password})
    assert response.status_code == 302


def test_an_administrator_invites_staff_who_then_set_a_password(
    admin_client, client, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:accounts_user_add"),
            {"email": "new.coordinator@example.org", "usable_password": "false", "password1": "", "password2": ""},
        )
    assert response.status_code == 302, response.context["errors"] if response.context else response
    user = django_user_model.objects.get(email="new.coordinator@example.org")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    _set_password_via_link(client, link.replace("http://testserver", ""), PASSWORD)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_invitation_action_emails_every_selected_user(
    admin_client, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:accounts_user_changelist"), {"action": "invite", "_selected_action": [staff_user.pk]}
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["staff@example.org"]]


def test_relay_down_an_invited_user_is_still_created_and_the_invitation_retried(
    admin_client, django_user_model, relay_down, mail_queue, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:accounts_user_add"),
            {"email": "new.coordinator@example.org", "usable_password": "false", "password1": "", "password2": ""},
        )
    assert response.status_code == 302
    user = django_user_model.objects.get(email="new.coordinator@example.org")
    mail_queue.run()
    (retry,) = mail_queue.waiting()
    assert retry.task_result.kwargs == {"kind": "accounts.invitation", "object_id": user.pk, "attempt": 2}
    mail_queue.run_all_retries()
    assert f"Mail kind=accounts.invitation object={user.pk} not sent: gave up after attempt 5" in caplog.text
    assert "new.coordinator" not in caplog.text


def test_an_invitation_from_an_english_admin_is_in_finnish(admin_client, django_capture_on_commit_callbacks):
    # The new staff member's own language is not known yet: Finnish, the portal's first.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:accounts_user_add"),
            {"email": "uusi@example.org", "usable_password": "false", "password1": "", "password2": ""},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    (message,) = mail.outbox
    assert "/fi/accounts/password/reset/key/" in message.body
    assert message.subject == "Käyttäjätilisi SOCOBA-portaalissa"


def test_a_password_reset_for_an_unknown_address_mails_nobody(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fi/accounts/password/reset/", {"email": "someone@evil.example"})
    assert response.status_code == 302
    assert not mail.outbox


def test_superusers_must_set_up_mfa_first(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password=PASSWORD)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    # The MFA set-up (after allauth's re-authentication) and sign-out stay reachable.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert client.get(response.url).status_code == 200
    assert client.get(reverse("account_logout")).status_code == 200
    with_mfa(admin)
    assert client.get("/admin/").status_code == 200


def test_staff_without_personal_data_need_no_mfa(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == 200


def test_student_data_officers_must_set_up_mfa(client, django_user_model, demo_data):
    from projects.models import Membership, Project

    officer = django_user_model.objects.create_user(email="officer@example.org", password=PASSWORD, is_staff=True)
    Membership.objects.create(
        user=officer, project=Project.objects.get(slug="kainuu"), role=Membership.Role.STUDENT_DATA_OFFICER
    )
    client.force_login(officer)
    response = client.get(reverse("admin:students_student_changelist"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    with_mfa(officer)
    assert client.get(reverse("admin:students_student_changelist")).status_code == 200


def test_reporters_need_no_mfa(client, django_user_model, demo_data):
    from projects.models import Membership, Project

    reporter = django_user_model.objects.create_user(email="rep@example.org", password=PASSWORD, is_staff=True)
    Membership.objects.create(
        user=reporter, project=Project.objects.get(slug="kainuu"), role=Membership.Role.REPORTER
    )
    client.force_login(reporter)
    assert client.get("/admin/").status_code == 200


def _main_text(response):
    main = re.search(r"<main.*?</main>", response.text, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_the_first_sign_in_with_mfa_required_is_one_clear_path(client, django_user_model):
    """Sign in → why MFA is required → set up the app → the recovery codes → the admin: no
    second password prompt, no stale warning, no dead end; the forgotten-password link once."""
    from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time

    django_user_model.objects.create_superuser(email="root@example.org", password=PASSWORD)
    login = client.get("/fi/accounts/login/")
    assert login.text.count("Unohditko salasanasi?") == 1

    response = client.post("/fi/accounts/login/", {"login": "root@example.org", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")  # not "Vahvista pääsy"
    page = _main_text(response)
    assert (
        "Kaksivaiheista tunnistautumista edellytetään ylläpitäjiltä" in page and "Lue alla oleva QR-koodi" in page
    )

    # Six digits, leading zeros too (a code below 100 000 sent as a number was refused).
    code = f"{hotp_value(response.context['form'].secret, next(yield_hotp_counters_from_time())):06d}"
    response = client.post(reverse("mfa_activate_totp"), {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    page = _main_text(response)
    assert "Jatka ylläpitoon" in page and 'href="/admin/"' in response.text

    admin = client.get("/admin/")
    assert admin.status_code == 200
    stale = "Ota kaksivaiheinen tunnistautuminen käyttöön ennen kuin jatkat"  # the warning it used to carry
    assert stale not in response.text and stale not in admin.text
    assert "Kirjauduttiin sisään" not in response.text + admin.text  # no "signed in as" left over


def test_a_password_asked_again_later_is_still_asked(client, django_user_model, time_machine):
    """Confirming access is skipped only right after signing in with the password."""
    import datetime

    from django.utils import timezone

    django_user_model.objects.create_superuser(email="root@example.org", password=PASSWORD)
    time_machine.move_to(timezone.now(), tick=False)
    client.post("/fi/accounts/login/", {"login": "root@example.org", "password": PASSWORD})
    time_machine.shift(datetime.timedelta(minutes=6))
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_reauthenticate"))


def test_the_mfa_set_up_page_lets_one_sign_out(client, django_user_model):
    """Every link leads back to the set-up page until MFA is on: it offers the way out."""
    django_user_model.objects.create_superuser(email="root@example.org", password=PASSWORD)
    client.post("/fi/accounts/login/", {"login": "root@example.org", "password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp")).text
    assert f'action="{reverse("account_logout")}"' in page and "Kirjaudu ulos" in page
    client.post(reverse("account_logout"))
    assert not client.session.get("_auth_user_id")
