"""The project report for funders: real PDF rendering and text extraction."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from projects.models import Membership, Project
from projects.reports import ProjectReport
from tests.conftest import with_mfa
from tests.reports import pdf_metadata, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def kainuu(demo_data):
    return Project.objects.get(slug="kainuu")


def _member(django_user_model, project, role, email="member@example.org"):
    user = with_mfa(django_user_model.objects.create_user(email=email, password="x", is_staff=True))
    Membership.objects.create(user=user, project=project, role=role)
    return user


def test_project_report_carries_the_facts_and_the_eu_statement(kainuu, admin_user):
    pdf = ProjectReport.for_user(admin_user, "kainuu", language="fi").render()
    text = pdf_text(pdf)
    for fact in [
        "Kainuun sosiaalityön koulutus- ja kehittämishanke",
        "566 712 €",
        "1.1.2018–31.3.2021",
        "75 %",
        "425 034 €",
        "Itä-Suomen yliopisto",
        "Kainuun sote",
        "AIKOPA",
        "Kansalaislähtöinen sosiaalihuolto",
        "Sosiaalisesti kestävä Kainuu",
        "Euroopan unioni – Euroopan sosiaalirahasto",
        "Vipuvoimaa EU:lta 2014–2020",
        "Hankeraportti",
    ]:
        assert fact in text, fact


def test_every_page_has_the_running_header_and_page_numbers(kainuu, admin_user):
    pages = pdf_pages(ProjectReport.for_user(admin_user, "kainuu", language="fi").render())
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"\b{number}\s*/\s*{len(pages)}\b", text), number
        if number > 1:
            assert "Kainuun sosiaalityön koulutus- ja kehittämishanke" in text


def test_pdf_metadata_and_tags(kainuu, admin_user):
    metadata, root = pdf_metadata(ProjectReport.for_user(admin_user, "kainuu", language="fi").render())
    assert "Kainuun sosiaalityön" in metadata.title
    assert metadata.author
    assert root["/Lang"] == "fi"
    assert root["/MarkInfo"]["/Marked"]


def test_swedish_and_english_reports(kainuu, admin_user):
    swedish = pdf_text(ProjectReport.for_user(admin_user, "kainuu", language="sv").render())
    assert "Europeiska unionen – Europeiska socialfonden" in swedish
    assert "1.1.2018–31.3.2021" in swedish
    english = pdf_text(ProjectReport.for_user(admin_user, "kainuu", language="en").render())
    assert "€566,712" in english
    assert "European Union – European Social Fund" in english


def test_file_name_is_meaningful(kainuu, admin_user):
    report = ProjectReport.for_user(admin_user, "kainuu", language="fi")
    assert re.fullmatch(r"kainuu-hankeraportti-\d{4}-\d{2}-\d{2}\.pdf", report.filename())


def test_staff_url_returns_the_pdf(client, kainuu, django_user_model):
    client.force_login(_member(django_user_model, kainuu, Membership.Role.REPORTER))
    response = client.get(reverse("projects:report", kwargs={"value": "kainuu"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="kainuu-hankeraportti-' in response["Content-Disposition"]
    assert "566 712 €" in pdf_text(response.content)


def test_anonymous_users_never_get_a_report(client, kainuu):
    response = client.get(reverse("projects:report", kwargs={"value": "kainuu"}))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize(
    ("role", "project_slug", "status"),
    [
        (Membership.Role.COORDINATOR, "kymenlaakso", 404),  # another project's coordinator
        (Membership.Role.REPORTER, "kymenlaakso", 404),
        (Membership.Role.STUDENT_DATA_OFFICER, "kainuu", 404),  # own project, no report permission
        (Membership.Role.COORDINATOR, "kainuu", 200),
    ],
)
def test_report_permissions(client, kainuu, django_user_model, role, project_slug, status):
    client.force_login(_member(django_user_model, Project.objects.get(slug=project_slug), role))
    assert client.get(reverse("projects:report", kwargs={"value": "kainuu"})).status_code == status


@pytest.mark.parametrize("value", ["no-such", "99999999999999999999999", "%00", "1; drop"])
def test_bad_report_urls_are_not_found(admin_client, demo_data, value):
    assert admin_client.get(reverse("projects:report", kwargs={"value": value})).status_code == 404


def test_admin_change_page_has_a_report_button(admin_client, kainuu):
    html = admin_client.get(reverse("admin:projects_project_change", args=[kainuu.pk])).text
    assert reverse("projects:report", kwargs={"value": kainuu.pk}) in html


def test_admin_action_bundles_one_pdf_per_project_in_a_zip(admin_client, demo_data):
    ids = list(Project.objects.values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:projects_project_changelist"), {"action": "export_reports", "_selected_action": ids}
    )
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert len(names) == 3  # the two seed projects and the running demo project
    assert [name.split("-")[0] for name in names] == ["esimerkkila", "kainuu", "kymenlaakso"]
    assert "S21218" in pdf_text(archive.read(names[2]))


def test_admin_action_skips_projects_the_user_may_not_export(client, demo_data, django_user_model):
    kainuu = Project.objects.get(slug="kainuu")
    client.force_login(_member(django_user_model, kainuu, Membership.Role.COORDINATOR))
    response = client.post(
        reverse("admin:projects_project_changelist"),
        {"action": "export_reports", "_selected_action": list(Project.objects.values_list("pk", flat=True))},
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert [name.split("-")[0] for name in archive.namelist()] == ["kainuu"]


def test_management_command_writes_the_report(kainuu, tmp_path, admin_user):
    output = tmp_path / "raportti.pdf"
    call_command("report", "project", "kainuu", "--lang", "sv", "--output", str(output), stdout=io.StringIO())
    assert "Europeiska socialfonden" in pdf_text(Path(output).read_bytes())
    by_id = tmp_path / "by-id.pdf"
    call_command(
        "report",
        "project",
        str(kainuu.pk),
        "--as-user",
        admin_user.email,
        "--output",
        str(by_id),
        stdout=io.StringIO(),
    )
    assert by_id.read_bytes().startswith(b"%PDF")


def test_management_command_checks_the_users_permission(kainuu, django_user_model, tmp_path):
    other = Project.objects.get(slug="kymenlaakso")
    user = _member(django_user_model, other, Membership.Role.REPORTER, email="reporter@example.org")
    with pytest.raises(CommandError, match="No project"):
        call_command("report", "project", "kainuu", "--as-user", user.email, "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="No active user"):
        call_command("report", "project", "kainuu", "--as-user", "nobody@example.org")
    assert not (tmp_path / "x.pdf").exists()


def test_project_report_carries_the_web_pages_charts(kainuu, admin_user):
    """The funding chart and the ecosystem diagram, drawn by the same SVG code as the page."""
    report = ProjectReport.for_user(admin_user, "kainuu", language="fi")
    html = report.render_html()
    assert html.count("<svg") >= 2
    assert 'id="funding-chart-' in html and 'id="ecosystem-diagram-' in html
    text = " ".join(pdf_text(report.render()).split())
    assert "Euroopan sosiaalirahasto (ESR): 75 %" in text  # the funding chart's legend
