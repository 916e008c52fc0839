"""Uploads cannot carry script or bombs: every file field checks content, not names
(socoba_portal.uploads), and a refused file changes nothing."""

import io
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageFile

from projects.models import Publication
from seminars.models import Material
from tests import uploads as files
from tests.admin_forms import admin_form_data
from tests.factories import PublicationFactory
from tests.seminars.factories import EventFactory

pytestmark = pytest.mark.django_db

RANDOM_NAME = r"[A-Za-z0-9_-]{22}"
MARKUP_REFUSED = "HTML-, SVG- ja XML-tiedostoja ei hyväksytä."


def stored_files():
    return sorted(path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())


# The publication's PDF and cover -------------------------------------------------------------


def post_publication(client, publication, **uploads):
    url = reverse("admin:projects_publication_change", args=[publication.pk])
    data = admin_form_data(client.get(url), cover_alt="Kansi", **uploads)
    return client.post(url, data, headers={"accept-language": "fi"})


def form_errors(response):
    return response.context["adminform"].form.errors


@pytest.mark.parametrize(
    ("field", "upload", "message"),
    [
        ("file", files.upload("raportti.pdf", files.HTML, "application/pdf"), MARKUP_REFUSED),
        ("file", files.upload("raportti.pdf", files.docx()), "ei hyväksytä tässä"),
        ("file", files.upload("raportti.pdf", files.pdf(password="salainen")), "suojattu salasanalla"),
        ("file", files.upload("raportti.pdf", files.pdf(javascript="app.alert(1)")), "sisältää skriptejä"),
        ("file", files.upload("raportti.pdf", b"%PDF-1.7 broken"), "ei ole luettava PDF"),
        ("cover", files.upload("kansi.svg", files.SVG, "image/svg+xml"), MARKUP_REFUSED),
        ("cover", files.upload("kansi.png", files.SVG, "image/png"), MARKUP_REFUSED),
        ("cover", files.upload("kansi.png", files.pdf(), "image/png"), "ei hyväksytä tässä"),
        (
            "cover",
            files.upload("kansi.gif", files.image("GIF")),
            "ei tunnistettu. Hyväksytyt tyypit: PNG-kuva, JPEG-kuva",
        ),
        ("cover", files.upload("kansi.png", files.image("JPEG")), "ei vastaa sen sisältöä"),
    ],
)
def test_a_bad_publication_file_is_refused_in_the_admin_and_changes_nothing(admin_client, field, upload, message):
    publication = PublicationFactory()
    response = post_publication(admin_client, publication, **{field: upload})
    assert response.status_code == 200
    assert message in " ".join(form_errors(response)[field])
    publication.refresh_from_db()
    assert not publication.file and not publication.cover
    assert stored_files() == []


def test_a_pixel_bomb_cover_is_refused_before_it_is_decoded(admin_client, monkeypatch):
    bomb = files.pixel_bomb_png()
    assert len(bomb) < 50_000  # the attack: 19 KB on disk, 156 megapixels
    publication = PublicationFactory()

    def refuse_to_decode(image):
        raise AssertionError("the bomb was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse_to_decode)
    response = post_publication(admin_client, publication, cover=files.upload("kansi.png", bomb))
    assert "liikaa kuvapisteitä" in " ".join(form_errors(response)["cover"])
    assert stored_files() == []


def test_the_pixel_limit_is_a_setting(admin_client, settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1_000
    response = post_publication(admin_client, PublicationFactory(), cover=files.upload("k.png", files.image()))
    assert "0,001 megapikseliä" in " ".join(form_errors(response)["cover"])


def test_the_file_size_limit_is_a_setting(admin_client, settings):
    settings.UPLOAD_MAX_BYTES = 100
    response = post_publication(admin_client, PublicationFactory(), file=files.upload("r.pdf", files.pdf()))
    assert "liian suuri" in " ".join(form_errors(response)["file"])
    assert stored_files() == []


def test_a_real_pdf_and_cover_are_stored_under_random_names_with_the_detected_extension(admin_client):
    publication = PublicationFactory()
    response = post_publication(
        admin_client,
        publication,
        file=files.upload("Loppuraportti 2021.PDF", files.pdf()),
        cover=files.upload("kansi.jpeg", files.image("JPEG")),
    )
    assert response.status_code == 302
    publication.refresh_from_db()
    assert re.fullmatch(rf"publications/{RANDOM_NAME}\.pdf", publication.file.name)
    assert re.fullmatch(rf"publications/covers/{RANDOM_NAME}\.jpg", publication.cover.name)
    assert "Loppuraportti" not in publication.file.name  # the uploader's name cannot be guessed from
    assert publication.thumbnail.name.startswith("publications/thumbnails/")
    assert publication.file.read().startswith(b"%PDF-")


def test_the_file_inputs_offer_only_the_accepted_types(admin_client):
    html = admin_client.get(reverse("admin:projects_publication_change", args=[PublicationFactory().pk])).text
    assert 'accept=".pdf"' in html
    assert 'accept=".png,.jpg,.jpeg,.webp"' in html


def test_a_phone_photo_saved_as_mpo_is_accepted_as_a_jpeg():
    photo = files.image("MPO", save_all=True, append_images=[Image.new("RGB", (40, 60))])
    with Image.open(io.BytesIO(photo)) as image:
        assert image.format == "MPO"
    publication = PublicationFactory(cover=files.upload("kuva.jpg", photo), cover_alt="Kuva")
    with Image.open(publication.cover.path) as stored:
        assert stored.format == "JPEG"


def test_the_same_name_uploaded_twice_gets_two_unrelated_names():
    first = PublicationFactory(file=files.upload("raportti.pdf", files.pdf()))
    second = PublicationFactory(file=files.upload("raportti.pdf", files.pdf()))
    assert first.file.name != second.file.name
    assert "raportti" not in first.file.name + second.file.name


def test_a_photo_cover_is_stored_upright_without_exif_gps_or_xmp(admin_client):
    publication = PublicationFactory()
    photo = files.jpeg_with_gps_and_orientation()
    with Image.open(io.BytesIO(photo)) as original:
        assert original.getexif()  # the attack: GPS coordinates of the photographer
    response = post_publication(admin_client, publication, cover=files.upload("kuva.jpg", photo))
    assert response.status_code == 302
    publication.refresh_from_db()
    with Image.open(publication.cover.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (20, 40)  # turned upright before the orientation tag was dropped
        assert not stored.getexif()
        assert "xmp" not in stored.info and "exif" not in stored.info


def test_the_publication_page_shows_the_thumbnail_not_the_original_cover(client):
    publication = PublicationFactory(cover=files.upload("k.png", files.image(size=(800, 1200))), cover_alt="Kansi")
    html = client.get(publication.get_absolute_url()).text
    assert publication.thumbnail.url in html
    assert publication.cover.url not in html


def test_saving_in_code_is_checked_too():
    """The demo loaders and commands save files without a form: the field checks them all the same."""
    with pytest.raises(ValidationError, match="HTML"):
        PublicationFactory(file=files.upload("r.pdf", files.HTML))
    assert stored_files() == []


# Event materials (an inline on the event page) -------------------------------------------------


def post_material(client, event, upload):
    url = reverse("admin:seminars_event_change", args=[event.pk])
    data = admin_form_data(client.get(url))
    for field in ("start", "end"):
        moment = timezone.localtime(getattr(event, field))
        data |= {f"{field}_0": moment.strftime("%d.%m.%Y"), f"{field}_1": moment.strftime("%H:%M")}
    data |= {
        "materials-TOTAL_FORMS": "1",
        "materials-0-title_fi": "Esitys",
        "materials-0-order": "0",
        "materials-0-visibility": Material.Visibility.WITH_EVENT,
        "materials-0-file": upload,
    }
    return client.post(url, data, headers={"accept-language": "fi"})


def material_errors(response):
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "materials"
    )
    return " ".join(" ".join(errors.get("file", [])) for errors in formset.errors)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (files.upload("page.html", files.HTML, "text/html"), MARKUP_REFUSED),
        (files.upload("esitys.pdf", files.HTML, "application/pdf"), MARKUP_REFUSED),
        (files.upload("kuva.svg", files.SVG, "image/svg+xml"), MARKUP_REFUSED),
        (files.upload("x.js", files.JAVASCRIPT, "text/javascript"), "ei vastaa sen sisältöä"),
        (files.upload("esitys.docm", files.docx(macros=True)), "sisältää makroja"),
        (files.upload("esitys.docx", files.docx(macros=True)), "sisältää makroja"),
        (files.upload("esitykset.zip", files.zip_file({"a.pdf": files.pdf()})), "Arkistoja (.zip) ei hyväksytä"),
        (files.upload("vanha.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)), "Vanhoja Microsoft Office"),
        (files.upload("ohjelma.exe", b"MZ\x90\x00\x03\x00\x00\x00"), "tyyppiä ei tunnistettu"),
        (files.upload("kuva.png", files.pixel_bomb_png()), "liikaa kuvapisteitä"),
    ],
)
def test_a_bad_material_is_refused_in_the_admin_and_changes_nothing(admin_client, upload, message):
    event = EventFactory()
    response = post_material(admin_client, event, upload)
    assert response.status_code == 200
    assert message in material_errors(response)
    assert not Material.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize(
    ("upload", "extension"),
    [
        (files.upload("esitys.pdf", files.pdf()), "pdf"),
        (files.upload("Esitys.DOCX", files.docx()), "docx"),
        (files.upload("muistio.odt", files.odt()), "odt"),
        (files.upload("muistiinpanot.txt", "Päivän muistiinpanot\n".encode()), "txt"),
        (files.upload("kuva.webp", files.image("WEBP")), "webp"),
    ],
)
def test_an_allowed_material_is_stored_under_a_random_name(admin_client, upload, extension):
    event = EventFactory()
    response = post_material(admin_client, event, upload)
    assert response.status_code == 302
    material = Material.objects.get()
    assert re.fullmatch(rf"seminars/materials/{RANDOM_NAME}\.{extension}", material.file.name)
    assert [path.name for path in stored_files()] == [material.file.name.rsplit("/", 1)[-1]]


def test_a_refusal_reads_in_english_on_an_english_admin(admin_client):
    publication = PublicationFactory()
    url = reverse("admin:projects_publication_change", args=[publication.pk])
    data = admin_form_data(admin_client.get(url), cover_alt="Cover", file=files.upload("r.pdf", files.SVG))
    response = admin_client.post(url, data, headers={"accept-language": "en"})
    assert "HTML, SVG and XML files are not accepted." in response.text


def test_the_demo_files_pass_the_checks(demo_data):
    publications = list(Publication.objects.filter(is_demo=True))
    materials = list(Material.objects.filter(is_demo=True).exclude(file=""))
    assert publications and materials
    for publication in publications:
        assert re.fullmatch(rf"publications/{RANDOM_NAME}\.pdf", publication.file.name)
        assert re.fullmatch(rf"publications/covers/{RANDOM_NAME}\.png", publication.cover.name)
    for material in materials:
        assert re.fullmatch(rf"seminars/materials/{RANDOM_NAME}\.pdf", material.file.name)


# Replaced and deleted files leave storage -------------------------------------------------------


def media_path(name):
    return settings.MEDIA_ROOT / name


def publication_with_files(client, capture):
    publication = PublicationFactory()
    with capture(execute=True):
        response = post_publication(
            client,
            publication,
            file=files.upload("eka.pdf", files.pdf()),
            cover=files.upload("eka.png", files.image("PNG")),
        )
    assert response.status_code == 302
    publication.refresh_from_db()
    names = [publication.file.name, publication.cover.name, publication.thumbnail.name]
    assert all(media_path(name).is_file() for name in names)
    return publication, names


def test_a_replaced_pdf_and_cover_leave_storage_with_the_thumbnail(
    admin_client, django_capture_on_commit_callbacks
):
    publication, old_names = publication_with_files(admin_client, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_publication(
            admin_client,
            publication,
            file=files.upload("toka.pdf", files.pdf()),
            cover=files.upload("toka.jpg", files.image("JPEG")),
        )
    assert response.status_code == 302

    publication.refresh_from_db()
    new_names = [publication.file.name, publication.cover.name, publication.thumbnail.name]
    assert not set(new_names) & set(old_names)
    assert [name for name in old_names if media_path(name).exists()] == []
    assert sorted(stored_files()) == sorted(media_path(name) for name in new_names)


def test_a_cleared_cover_leaves_storage_and_the_pdf_stays(admin_client, django_capture_on_commit_callbacks):
    publication, (pdf_name, _cover, _thumbnail) = publication_with_files(
        admin_client, django_capture_on_commit_callbacks
    )
    url = reverse("admin:projects_publication_change", args=[publication.pk])
    data = admin_form_data(admin_client.get(url), cover_alt="", **{"cover-clear": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    assert stored_files() == [media_path(pdf_name)]


@pytest.mark.parametrize("bulk", [False, True], ids=["delete view", "delete action"])
def test_a_deleted_publication_leaves_storage(bulk, admin_client, django_capture_on_commit_callbacks):
    publication, _names = publication_with_files(admin_client, django_capture_on_commit_callbacks)
    if bulk:
        url = reverse("admin:projects_publication_changelist")
        data = {"action": "delete_selected", "_selected_action": [publication.pk], "post": "yes"}
    else:
        url = reverse("admin:projects_publication_delete", args=[publication.pk])
        data = {"post": "yes"}
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    assert not Publication.objects.exists()
    assert stored_files() == []


def test_a_material_deleted_inline_leaves_storage(admin_client, django_capture_on_commit_callbacks):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert post_material(admin_client, event, files.upload("esitys.pdf", files.pdf())).status_code == 302
    material = Material.objects.get()
    assert stored_files() == [media_path(material.file.name)]

    url = reverse("admin:seminars_event_change", args=[event.pk])
    data = admin_form_data(admin_client.get(url))
    for field in ("start", "end"):
        moment = timezone.localtime(getattr(event, field))
        data |= {f"{field}_0": moment.strftime("%d.%m.%Y"), f"{field}_1": moment.strftime("%H:%M")}
    data["materials-0-DELETE"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    assert not Material.objects.exists()
    assert stored_files() == []


def test_a_file_another_row_refers_to_stays(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = PublicationFactory(file=files.upload("yhteinen.pdf", files.pdf()))
    second = PublicationFactory(file=first.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert stored_files() == [media_path(second.file.name)]
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert stored_files() == []


def test_a_replaced_file_stays_until_the_transaction_commits(django_capture_on_commit_callbacks):
    publication = PublicationFactory(file=files.upload("eka.pdf", files.pdf()))
    old_name = publication.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publication.file = files.upload("toka.pdf", files.pdf())
        publication.save()
    assert media_path(old_name).is_file()  # nothing is deleted before the commit
    for callback in callbacks:
        callback()
    assert not media_path(old_name).exists()
