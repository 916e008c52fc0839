"""The coordinators' admin is in scope of the accessibility law too: axe-core on its main pages."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from projects.models import Project

from .checks import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_axe_violations_on_the_admins_main_pages(browser, live_server, demo_data, admin_user):
    client = Client()
    client.force_login(admin_user)
    context = browser.new_context(bypass_csp=True, locale="fi-FI")
    host = live_server.url.split("://", 1)[1].split(":")[0]
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    page = context.new_page()
    kainuu = Project.objects.get(slug="kainuu")
    failures = {}
    for path in [
        reverse("admin:index"),
        reverse("admin:projects_project_changelist"),
        reverse("admin:projects_project_change", args=[kainuu.pk]),
        reverse("admin:projects_publication_add"),
    ]:
        page.goto(live_server.url + path)
        assert "/admin/" in page.url, page.url  # signed in, not sent to a sign-in page
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    context.close()
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())
