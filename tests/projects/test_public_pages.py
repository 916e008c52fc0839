"""The public pages: status, the seed facts in the HTML, drafts hidden, each language."""

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import Project, Publication, PublicationState
from tests.factories import ProjectFactory, PublicationFactory, project_with_everything
from tests.queries import page_query_count

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]


def url(name, language="fi", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_answers_in_every_language(client, demo_data, language):
    pages = [
        url("projects:home", language),
        url("projects:about", language),
        url("projects:list", language),
        url("projects:detail", language, slug="kainuu"),
        url("projects:detail", language, slug="kymenlaakso"),
        url("projects:publications", language),
        url("projects:publication", language, slug="sosiaalisesti-kestava-kainuu"),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert f'<html lang="{language}">' in response.text
        assert response.text.count("<h1") == 1, page


def test_kainuu_page_carries_the_seed_facts(client, demo_data):
    html = client.get(url("projects:detail", slug="kainuu")).text
    for fact in [
        "Kainuun sosiaalityön koulutus- ja kehittämishanke",
        "KASKK",
        '<time datetime="2018-01-01">1.1.2018</time>–<time datetime="2021-03-31">31.3.2021</time>',
        "566 712 €",
        "75 %",
        "Itä-Suomen yliopisto",
        "Kainuun sosiaali- ja terveydenhuollon kuntayhtymä",
        "Kainuun sote",
        "AIKOPA",
        "Oulun yliopisto, Kajaanin yliopistokeskus",
        "yhteiskuntatieteiden laitos",
        "Kansalaislähtöinen sosiaalihuolto",
        "Sähköinen asiointi",
        "Sosiaalisesti kestävä Kainuu",
        "6 SOCOBA-seminaaria",
        "20",
        "Osallistuva ja vaikuttava kansalainen",
        # The EU emblem and statement of the 2014–2020 period.
        "eu-flag.svg",
        "Euroopan unioni – Euroopan sosiaalirahasto",
        "Vipuvoimaa EU:lta 2014–2020",
    ]:
        assert fact in html, fact


def test_eu_block_comes_before_the_page_content(client, demo_data):
    html = client.get(url("projects:detail", slug="kainuu")).text
    assert html.index("eu-flag.svg") < html.index("<h1")


def test_kymenlaakso_page_carries_the_seed_facts(client, demo_data):
    html = client.get(url("projects:detail", slug="kymenlaakso")).text
    for fact in [
        "Kymenlaakson sosiaalityön koulutus- ja kehittämishanke",
        "1.3.2018–31.12.2020",
        "Hämeen ELY-keskus",
        "Kymenlaakson kesäyliopisto",
        "Itä-Suomen yliopisto",
        "S21218",
        "syksy 2018",
        "Kouvola",
        "25",
        "Sosiaalisesti kestävä Kymenlaakso",
        "Jaana Lauhkonen-Teräväinen",
        "koulutuskoordinaattori",
        "jaana.lauhkonen-teravainen@kymenlaakso.fi",
        "044 747 8518",
        "Sosiaalisesti kestävää Kymenlaaksoa tekemässä",
    ]:
        assert fact in html, fact


def test_swedish_page_uses_finnish_dates_and_swedish_texts(client, demo_data):
    html = client.get(url("projects:detail", "sv", slug="kainuu")).text
    assert '<time datetime="2018-01-01">1.1.2018</time>–<time datetime="2021-03-31">31.3.2021</time>' in html
    assert "566 712 €" in html
    assert "Europeiska unionen – Europeiska socialfonden" in html
    assert "Socialt hållbart Kajanaland" in html


def test_english_page_uses_english_conventions(client, demo_data):
    html = client.get(url("projects:detail", "en", slug="kainuu")).text
    assert (
        '<time datetime="2018-01-01">1 January 2018</time> – <time datetime="2021-03-31">31 March 2021</time>'
        in html
    )
    assert "€566,712" in html
    assert "European Union – European Social Fund" in html


def test_2021_2027_project_shows_the_co_funded_statement_without_a_fund_name(client):
    project = ProjectFactory(programme_period=Project.ProgrammePeriod.P2021_2027, fund=Project.Fund.ESF_PLUS)
    html = client.get(project.get_absolute_url()).text
    assert "Euroopan unionin osarahoittama" in html
    assert "Vipuvoimaa" not in html
    assert "sosiaalirahasto –" not in html


def test_draft_projects_and_publications_are_not_found(client):
    draft = ProjectFactory(state=PublicationState.DRAFT, name_fi="Salainen luonnoshanke")
    draft_publication = PublicationFactory(state=PublicationState.DRAFT, title="Luonnosjulkaisu")
    publication_of_draft = PublicationFactory(project=draft, title="Luonnoshankkeen julkaisu")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft_publication.get_absolute_url()).status_code == 404
    assert client.get(publication_of_draft.get_absolute_url()).status_code == 404
    for page in [url("projects:home"), url("projects:list"), url("projects:publications")]:
        html = client.get(page).text
        assert "Salainen luonnoshanke" not in html
        assert "Luonnosjulkaisu" not in html
        assert "Luonnoshankkeen julkaisu" not in html


def test_root_redirects_by_the_browsers_language(client):
    assert client.get("/", headers={"accept-language": "sv-FI,sv;q=0.9"}).url == "/sv/"
    assert client.get("/", headers={"accept-language": "en-GB"}).url == "/en/"
    assert client.get("/", headers={"accept-language": "de-DE"}).url == "/fi/"
    assert client.get("/").url == "/fi/"


def test_language_switcher_keeps_the_current_page(client, demo_data):
    html = client.get(url("projects:detail", slug="kainuu")).text
    assert f'href="{url("projects:detail", "sv", slug="kainuu")}"' in html
    assert f'href="{url("projects:detail", "en", slug="kainuu")}"' in html
    assert 'hreflang="sv"' in html


def test_publication_detail_offers_the_pdf(client, demo_data):
    publication = Publication.objects.get(slug="sosiaalisesti-kestava-kainuu")
    html = client.get(publication.get_absolute_url()).text
    assert publication.file.url in html
    assert "Kansikuva" in html  # the cover's alt text


@pytest.mark.parametrize(
    "query", ["year=abc", "kind=nonsense", "project=no-such-project", "year=1900", "year=2021&kind=%EF%BF%BF"]
)
def test_bad_filter_input_is_reported_and_changes_nothing(client, demo_data, query):
    response = client.get(url("projects:publications") + "?" + query)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert response.context["paginator"].count == Publication.objects.public().count()


def test_a_nul_byte_in_a_filter_is_a_bad_request(client, demo_data):
    assert client.get(url("projects:publications") + "?year=2021&kind=%00").status_code == 400


def test_publication_filters(client, demo_data):
    base = url("projects:publications")
    assert client.get(base + "?project=kymenlaakso").context["paginator"].count == 1
    assert client.get(base + "?project=kainuu&kind=final_report").context["paginator"].count == 1
    assert client.get(base + "?year=2021").context["paginator"].count == 2


@pytest.mark.parametrize("page", ["999", "abc", "-1"])
def test_bad_page_numbers_give_not_found_not_an_error(client, demo_data, page):
    assert client.get(url("projects:publications") + f"?page={page}").status_code == 404


def test_unknown_project_is_not_found(client, db):
    assert client.get(url("projects:detail", slug="no-such")).status_code == 404


@pytest.mark.parametrize("page", ["home", "list", "detail", "publications", "publication"])
def test_public_pages_run_a_constant_number_of_queries(client, page, django_assert_max_num_queries):
    def path():
        project = Project.objects.order_by("pk").first()
        publication = Publication.objects.order_by("pk").first()
        return {
            "home": url("projects:home"),
            "list": url("projects:list"),
            "detail": project.get_absolute_url(),
            "publications": url("projects:publications"),
            "publication": publication.get_absolute_url(),
        }[page]

    project_with_everything()
    small = page_query_count(client, path())
    project_with_everything(partners=15, publications=15, spearheads=8, contacts=5)
    for _ in range(10):
        project_with_everything(partners=3, publications=3)
    large = page_query_count(client, path())
    assert large == small
    assert small <= 8
