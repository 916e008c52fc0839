import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from socoba_portal.legal import demo
from socoba_portal.legal.models import AccessibilityStatement
from tests.public_forms import filled_by_a_person

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
            filled_by_a_person(
                {"message": "Kuvalta puuttuu tekstivastine.", "page": "/fi/", "email": "kavija@example.org"}
            ),
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [AccessibilityStatement.current().feedback_email]
    assert "Kuvalta puuttuu tekstivastine." in mail.outbox[0].body


def test_feedback_mail_is_plain_finnish_text_with_no_visitor_text_in_the_subject(
    client, demo_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url("legal:accessibility", "en"),
            filled_by_a_person(
                {
                    "message": "Click http://evil.example to pay",
                    "page": "Click here",
                    "email": "kavija@example.org",
                }
            ),
        )
    (message,) = mail.outbox
    assert message.subject == "Saavutettavuuspalaute"
    assert message.content_subtype == "plain" and not message.alternatives
    assert "Click http://evil.example to pay" in message.body  # for the maintainers, not the visitor
    assert "Sivun osoite: Click here" in message.body
    assert message.reply_to == ["kavija@example.org"]


def test_relay_down_the_feedback_is_still_thanked_and_retried(
    client, demo_data, relay_down, mail_queue, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("legal:accessibility", "fi"), filled_by_a_person({"message": "Kuvalta puuttuu tekstivastine."})
        )
    assert response.status_code == 302
    assert "Kiitos! Palautteesi lähetettiin" in client.get(response.url).text
    mail_queue.run()
    (retry,) = mail_queue.waiting()
    assert retry.task_result.kwargs == {"kind": "legal.accessibility_feedback", "object_id": None, "attempt": 2}
    mail_queue.run_all_retries()
    assert "Mail kind=legal.accessibility_feedback object=None not sent: gave up after attempt 5" in caplog.text
    assert "tekstivastine" not in caplog.text


@pytest.mark.parametrize("data", [{}, {"message": ""}, {"message": "x", "email": "not-an-email"}])
def test_bad_feedback_is_refused_with_a_message(client, demo_data, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("legal:accessibility", "fi"), filled_by_a_person(data))
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert not mail.outbox


def test_missing_statement_is_not_found_not_an_error(client, db):
    assert client.get(_url("legal:accessibility", "fi")).status_code == 404
