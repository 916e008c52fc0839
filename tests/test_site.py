"""Cross-cutting pages: health check, robots.txt, sitemap; and the settings' safety."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from projects.models import PublicationState
from tests.factories import ProjectFactory

ROOT = Path(__file__).resolve().parent.parent


def test_healthz_answers_ok_without_touching_the_database(client):
    # No django_db mark: any database access in this test raises an error.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok"


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    text = client.get("/robots.txt").text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_in_every_language(client, demo_data):
    ProjectFactory(slug="luonnos", state=PublicationState.DRAFT)
    xml = client.get("/sitemap.xml").text
    for language in ["fi", "sv", "en"]:
        assert f"http://testserver/{language}/" in xml
        assert f"/{language}/" in xml and "kainuu/" in xml
    assert xml.count("<url>") == 3 * (4 + 2 + 3)  # (pages + projects + publications) × languages
    assert 'hreflang="sv"' in xml
    assert 'hreflang="x-default"' in xml
    assert "luonnos" not in xml


def _start_django(env):
    code = "import django; django.setup()"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "socoba_portal.settings.prod"
    result = _start_django(env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_starts_with_a_secret_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DJANGO_SETTINGS_MODULE": "socoba_portal.settings.prod", "DJANGO_SECRET_KEY": "x" * 60}
    assert _start_django(env).returncode == 0


def test_deploy_checks_pass_in_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "socoba_portal.settings.prod",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-" + "k7Xq9" * 10,
        "DJANGO_ALLOWED_HOSTS": "socoba.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
