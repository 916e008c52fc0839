import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from socoba_portal.legal import demo
from socoba_portal.legal.models import AccessibilityStatement

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]


def _url(name, language):
    with translation.override(language):
        return reverse(name)


def test_the_shipped_statement_has_been_reviewed_within_a_year():
    """The statement must be reviewed yearly: update its text and REVIEWED_ON."""
    assert timezone.localdate() - demo.REVIEWED_ON <= datetime.timedelta(days=365)


def test_overdue_statements_are_recognised():
    statement = AccessibilityStatement(reviewed_on=datetime.date(2025, 1, 1))
    assert statement.is_overdue(today=datetime.date(2026, 1, 2))
    assert not statement.is_overdue(today=datetime.date(2025, 12, 31))


@pytest.mark.parametrize("language", LANGUAGES)
def test_statement_has_the_contents_the_act_asks_for(client, demo_data, language):
    html = client.get(_url("legal:accessibility", language)).text
    statement = AccessibilityStatement.current()
    with translation.override(language):
        assert escape(statement.get_compliance_display()) in html
        assert escape(statement.known_gaps.split("\n")[0]) in html
        assert escape(statement.authority_name) in html
    # The supervisor's page in the page's own language.
    own_site = {
        "fi": "saavutettavuusvaatimukset.fi",
        "sv": "tillganglighetskrav.fi",
        "en": "accessibilityrequirements.fi",
    }
    assert own_site[language] in html
    assert all(site not in html for code, site in own_site.items() if code != language)
    assert statement.feedback_email in html
    assert "23.11.2026" in html or "23 November 2026" in html
    assert 'name="message"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_notice_in_every_language(client, demo_data, language):
    response = client.get(_url("legal:privacy", language))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text


def test_every_page_links_both_from_the_footer(client, demo_data):
    for name in ["projects:home", "projects:list", "legal:privacy"]:
        html = client.get(_url(name, "fi")).text
        assert _url("legal:accessibility", "fi") in html
        assert _url("legal:privacy", "fi") in html


def test_feedback_is_emailed_to_the_maintainers(client, demo_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("legal:accessibility", "fi"),
            {"message": "Kuvalta puuttuu tekstivastine.", "page": "/fi/", "email": "kavija@example.org"},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [AccessibilityStatement.current().feedback_email]
    assert "Kuvalta puuttuu tekstivastine." in mail.outbox[0].body


@pytest.mark.parametrize("data", [{}, {"message": ""}, {"message": "x", "email": "not-an-email"}])
def test_bad_feedback_is_refused_with_a_message(client, demo_data, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("legal:accessibility", "fi"), data)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert not mail.outbox


def test_missing_statement_is_not_found_not_an_error(client, db):
    assert client.get(_url("legal:accessibility", "fi")).status_code == 404
