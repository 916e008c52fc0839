"""schema.org JSON-LD and Open Graph on the project and publication pages, and
lang attributes on content that falls back to Finnish."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import Publication
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _jsonld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def _og(html):
    return dict(re.findall(r'<meta property="og:([a-z_:]+)" content="([^"]*)">', html))


def test_project_page_describes_the_project_with_funder_and_partners(client, demo_data):
    html = client.get(reverse("projects:detail", kwargs={"slug": "kymenlaakso"})).text
    data = _jsonld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Project"
    assert data["name"] == "Kymenlaakson sosiaalityön koulutus- ja kehittämishanke"
    assert data["url"].endswith("/fi/hankkeet/kymenlaakso/")
    assert data["foundingDate"] == "2018-03-01"
    assert data["dissolutionDate"] == "2020-12-31"
    funders = [f["name"] for f in data["funder"]]
    assert "Hämeen ELY-keskus" in funders
    assert any("sosiaalirahasto" in name for name in funders)
    members = [m["name"] for m in data["member"]]
    assert "Itä-Suomen yliopisto" in members and "Kymenlaakson kesäyliopisto" in members
    assert all(m["@type"] == "Organization" for m in data["member"])


def test_project_budget_is_a_monetary_grant(client, demo_data):
    data = _jsonld(client.get(reverse("projects:detail", kwargs={"slug": "kainuu"})).text)
    assert data["funding"]["amount"] == {"@type": "MonetaryAmount", "value": 566712.0, "currency": "EUR"}
    assert data["alternateName"] == "KASKK"


def test_publication_page_is_a_report_with_its_pdf(client, demo_data):
    publication = Publication.objects.get(slug="sosiaalisesti-kestava-kainuu")
    html = client.get(publication.get_absolute_url()).text
    data = _jsonld(html)
    assert data["@type"] == "Report"
    assert data["name"] == "Sosiaalisesti kestävä Kainuu"
    assert data["datePublished"] == "2021"
    assert data["inLanguage"] == "fi"
    assert data["encoding"]["encodingFormat"] == "application/pdf"
    assert data["encoding"]["contentUrl"].endswith(".pdf")
    assert data["isPartOf"]["@type"] == "Project"
    og = _og(html)
    assert og["type"] == "article"
    assert og["title"] == "Sosiaalisesti kestävä Kainuu"
    assert og["image"].startswith("http://testserver/media/")
    assert og["image:alt"]


def test_articles_are_scholarly_articles(client, demo_data):
    publication = Publication.objects.get(slug="sosiaalisesti-kestava-kainuu")
    publication.kind = Publication.Kind.ARTICLE
    publication.authors = "Demo Kirjoittaja; Toinen Kirjoittaja"
    publication.save()
    data = _jsonld(client.get(publication.get_absolute_url()).text)
    assert data["@type"] == "ScholarlyArticle"
    assert [a["name"] for a in data["author"]] == ["Demo Kirjoittaja", "Toinen Kirjoittaja"]


def test_open_graph_on_the_project_page(client, demo_data):
    with translation.override("sv"):
        url = reverse("projects:detail", kwargs={"slug": "kainuu"})
    og = _og(client.get(url).text)
    assert og["title"] == "Utbildnings- och utvecklingsprojektet för socialt arbete i Kajanaland"
    assert og["locale"] == "sv_FI"
    assert og["url"] == f"http://testserver{url}"
    assert og["description"]


def test_text_that_falls_back_to_finnish_is_marked_finnish(client):
    project = ProjectFactory(name_fi="Lapin hanke", vision_fi="Kestävä Lappi", vision_sv="Hållbara Lappland")
    with translation.override("sv"):
        html = client.get(project.get_absolute_url()).text
    assert '<h1><span lang="fi">Lapin hanke</span>' in html
    assert '<p class="vision">Hållbara Lappland</p>' in html
    with translation.override("fi"):
        html = client.get(project.get_absolute_url()).text
    assert "<h1>Lapin hanke" in html


def test_paragraphs_render_as_html_and_text_is_escaped(client):
    project = ProjectFactory(description_fi="Eka <b>kappale</b>.\n\nToka kappale.", description_sv="")
    html = client.get(project.get_absolute_url()).text
    assert "<p>Eka &lt;b&gt;kappale&lt;/b&gt;.</p>" in html
    assert "<p>Toka kappale.</p>" in html
    with translation.override("sv"):
        html = client.get(project.get_absolute_url()).text
    assert '<div lang="fi"><p>Eka &lt;b&gt;kappale&lt;/b&gt;.</p>' in html
