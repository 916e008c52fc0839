"""Cross-cutting pages: health check, robots.txt, sitemap; and the settings' safety."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import PublicationState
from tests.factories import ProjectFactory

LANGUAGES = ["fi", "sv", "en"]
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
    locations = re.findall(r"<loc>http://testserver(/[^<]*)</loc>", xml)
    assert len(locations) == len(set(locations))
    by_language = {
        language: [loc for loc in locations if loc.startswith(f"/{language}/")] for language in LANGUAGES
    }
    assert len(by_language["fi"]) == len(by_language["sv"]) == len(by_language["en"]) == len(locations) / 3
    for name, kwargs in [
        ("projects:home", {}),
        ("projects:about", {}),
        ("projects:list", {}),
        ("projects:publications", {}),
        ("projects:detail", {"slug": "kainuu"}),
        ("projects:detail", {"slug": "kymenlaakso"}),
        ("projects:publication", {"slug": "sosiaalisesti-kestava-kainuu"}),
        ("legal:accessibility", {}),
        ("legal:privacy", {}),
    ]:
        for language in LANGUAGES:
            with translation.override(language):
                assert reverse(name, kwargs=kwargs) in locations, (name, language)
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
