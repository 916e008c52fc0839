"""Uploaded files that cannot carry script or bombs: one mechanism for every file field.

A file is accepted by its content, never by its name: the content decides its type
(PDF, PNG/JPEG/WebP, OOXML or OpenDocument without macros, UTF-8 text), the type must
be in the field's allow-list, and the uploaded name must not claim another type.
Images are re-encoded without their metadata, after a pixel limit checked before any
decoding. Stored names are random and carry the extension of the detected type, so
unpublished files cannot be guessed and every file is served by the type it really is
(``socoba_portal.views.media`` in development, ``deploy/nginx-media.conf`` in production).

A stored file lives as long as its row refers to it: when a row's file is replaced or
cleared, or the row is deleted (one by one, as an inline, in bulk or by cascade), the old
file (and any other file field of the row, such as a cover's thumbnail) is deleted from
storage once the transaction commits, unless another row still refers to it.
"""

import secrets
import warnings
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, pre_save
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from pypdf import PasswordType, PdfReader


@dataclass(frozen=True)
class FileType:
    extension: str  # what a stored file of this type is named with
    content_type: str
    label: Promise
    name_extensions: tuple[str, ...]  # what an uploaded file of this type may be called
    inline: bool = False  # shown in the browser rather than downloaded


PDF = FileType("pdf", "application/pdf", _("PDF document"), ("pdf",), inline=True)
PNG = FileType("png", "image/png", _("PNG image"), ("png",), inline=True)
JPEG = FileType("jpg", "image/jpeg", _("JPEG image"), ("jpg", "jpeg"), inline=True)
WEBP = FileType("webp", "image/webp", _("WebP image"), ("webp",), inline=True)
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    _("Word document"),
    ("docx",),
)
XLSX = FileType(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _("Excel workbook"), ("xlsx",)
)
PPTX = FileType(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    _("PowerPoint presentation"),
    ("pptx",),
)
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", _("OpenDocument text"), ("odt",))
ODS = FileType("ods", "application/vnd.oasis.opendocument.spreadsheet", _("OpenDocument spreadsheet"), ("ods",))
ODP = FileType("odp", "application/vnd.oasis.opendocument.presentation", _("OpenDocument presentation"), ("odp",))
TEXT = FileType("txt", "text/plain; charset=utf-8", _("plain text"), ("txt",))

IMAGE_TYPES = (PNG, JPEG, WEBP)
FILE_TYPES = {
    file_type.extension: file_type for file_type in (PDF, PNG, JPEG, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, TEXT)
}
# A thumbnail made by the portal is served like an uploaded JPEG.
SERVED_TYPES = FILE_TYPES | {"jpeg": JPEG}

# The allow-lists the fields use (extensions of the types above, so migrations can name them).
PDF_ONLY = ("pdf",)
IMAGES = ("png", "jpg", "webp")
MATERIALS = ("pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", *IMAGES)

# Phones save photos as MPO: a JPEG with more pictures after the first, which is the one kept.
_PILLOW_FORMATS = {"PNG": PNG, "JPEG": JPEG, "MPO": JPEG, "WEBP": WEBP}
_OOXML_MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
_ODF_MIMETYPES = {file_type.content_type.encode(): file_type for file_type in (ODT, ODS, ODP)}
# What browsers sniff as markup; such "text" is refused even when named .txt.
_MARKUP_STARTS = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body", b"<iframe")
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
# An office document is a zip: these bound what its listing may claim (zip bombs).
_ZIP_MAX_ENTRIES = 10_000
_ZIP_MAX_UNCOMPRESSED_RATIO = 100
_ZIP_MAX_SMALL_PART = 1_000_000  # [Content_Types].xml and mimetype are read into memory

MACROS_REFUSED = _(
    "The file contains macros, which are not accepted. Save it without macros (e.g. .docx, not .docm)."
)


@dataclass(frozen=True)
class CheckedUpload:
    file_type: FileType
    content: object  # a Django File, re-encoded for images


def type_for_name(name):
    """The served type of a stored file, by its extension; None when it is not in the allow-list."""
    return SERVED_TYPES.get(PurePath(name).suffix.lower().lstrip("."))


def check_upload(content, accept, *, name):
    """Check an uploaded file against the allow-list ``accept`` (extensions of FILE_TYPES).

    Returns the CheckedUpload to store; raises ValidationError with a message for the uploader.
    """
    if content.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(content.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
        )
    file_type = _identify(content)
    accepted = [FILE_TYPES[extension] for extension in accept]
    if file_type is None:
        raise ValidationError(
            _("The file's type is not recognised. Accepted types: %(accepted)s."),
            code="file_type_unknown",
            params={"accepted": _labels(accepted)},
        )
    if file_type not in accepted:
        raise ValidationError(
            _("The file is of type “%(type)s”, which is not accepted here. Accepted types: %(accepted)s."),
            code="file_type_not_accepted",
            params={"type": file_type.label, "accepted": _labels(accepted)},
        )
    name_extension = PurePath(name).suffix.lower().lstrip(".")
    if name_extension not in file_type.name_extensions:
        raise ValidationError(
            _("The file's name (“.%(extension)s”) does not match its content (%(type)s, “.%(expected)s”)."),
            code="file_name_mismatch",
            params={"type": file_type.label, "extension": name_extension, "expected": file_type.extension},
        )
    content.seek(0)
    if file_type in IMAGE_TYPES:
        return CheckedUpload(file_type, _reencoded_image(content, file_type))
    return CheckedUpload(file_type, content)


def _labels(file_types):
    return format_lazy("{}" + ", {}" * (len(file_types) - 1), *(file_type.label for file_type in file_types))


def _identify(content):
    """The file's type by its content, after the deep check of that type; None when it is not known."""
    content.seek(0)
    head = content.read(2048)
    content.seek(0)
    if head.startswith(b"%PDF-"):
        _check_pdf(content)
        return PDF
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return _check_image(content)
    if head.startswith(_ZIP_SIGNATURE):
        return _check_office_document(content)
    if head.startswith(_OLE_SIGNATURE):
        raise ValidationError(
            _(
                "Old Microsoft Office files (.doc, .xls, .ppt) are not accepted. "
                "Save the file as .docx, .xlsx, .pptx or PDF."
            ),
            code="legacy_office",
        )
    return _check_text(content)


def _check_pdf(content):
    try:
        reader = PdfReader(content, strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ValidationError(
                _("The PDF is protected with a password. Upload it without the password."), code="pdf_encrypted"
            )
        page_count = len(reader.pages)
        has_scripts = _pdf_has_scripts(reader)
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many kinds of errors on a broken file
        raise ValidationError(_("The file is not a readable PDF."), code="pdf_unreadable") from error
    if page_count == 0:
        raise ValidationError(_("The file is not a readable PDF."), code="pdf_unreadable")
    if has_scripts:
        raise ValidationError(_("The PDF contains scripts, which are not accepted."), code="pdf_scripts")


def _pdf_has_scripts(reader):
    """Document-level JavaScript: a name tree, or an action run when the PDF opens."""
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return True
    if "/AA" in root:
        return True
    open_action = root.get("/OpenAction")
    open_action = open_action.get_object() if open_action is not None else None
    return hasattr(open_action, "get") and open_action.get("/S") in ("/JavaScript", "/Launch")


def _check_image(content):
    """PNG, JPEG or WebP within the pixel limit, checked from the header before anything is decoded."""
    refusal = ValidationError(_("The file is not a valid PNG, JPEG or WebP image."), code="image_invalid")
    with warnings.catch_warnings():
        # Pillow warns (and above twice its limit refuses) at open, before decoding: both refuse here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(content) as image:
                file_type = _PILLOW_FORMATS.get(image.format)
                pixels = image.width * image.height
                if file_type is None:
                    raise refusal
                if pixels > settings.UPLOAD_MAX_IMAGE_PIXELS:
                    raise _too_many_pixels(pixels)
                image.verify()
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise _too_many_pixels() from error
        except (OSError, SyntaxError, ValueError) as error:
            raise refusal from error
    content.seek(0)
    return file_type


def _too_many_pixels(pixels=None):
    megapixels = settings.UPLOAD_MAX_IMAGE_PIXELS / 1_000_000
    limit = number_format(int(megapixels) if megapixels.is_integer() else megapixels)
    if pixels is None:
        return ValidationError(
            _("The image has too many pixels; the limit is %(limit)s megapixels."),
            code="image_too_large",
            params={"limit": limit},
        )
    return ValidationError(
        _("The image has too many pixels (%(pixels)s megapixels); the limit is %(limit)s megapixels."),
        code="image_too_large",
        params={"pixels": number_format(pixels / 1_000_000, decimal_pos=1), "limit": limit},
    )


def _reencoded_image(content, file_type):
    """The image drawn anew: turned upright, without EXIF (GPS, camera), XMP or comments; ICC kept."""
    with Image.open(content) as original:
        icc_profile = original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original)
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if file_type == JPEG:
        image = image if image.mode in ("L", "RGB", "CMYK") else image.convert("RGB")
        options |= {"quality": 90}
    elif file_type == WEBP:
        image = image if image.mode in ("RGB", "RGBA") else image.convert("RGBA")
        options |= {"quality": 90}
    elif image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
        image = image.convert("RGBA")
    buffer = BytesIO()
    image.save(buffer, format=file_type.extension.replace("jpg", "jpeg"), **options)
    return ContentFile(buffer.getvalue())


def _check_office_document(content):
    """OOXML (docx/xlsx/pptx) or OpenDocument (odt/ods/odp), without macros; any other zip is refused."""
    try:
        with zipfile.ZipFile(content) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            uncompressed = sum(entry.file_size for entry in entries)
            if len(entries) > _ZIP_MAX_ENTRIES or uncompressed > _ZIP_MAX_UNCOMPRESSED_RATIO * max(
                content.size, 1
            ):
                raise ValidationError(_("The document unpacks to too much data."), code="zip_bomb")
            if "[Content_Types].xml" in names:
                file_type = _ooxml_type(archive, names)
            elif "mimetype" in names:
                file_type = _opendocument_type(archive, names)
            else:
                file_type = None
    except zipfile.BadZipFile as error:
        raise ValidationError(_("The file is a damaged zip file."), code="zip_invalid") from error
    if file_type is None:
        raise ValidationError(
            _("Archives (.zip) are not accepted. Upload the documents one by one."), code="archive"
        )
    content.seek(0)
    return file_type


def _small_part(archive, name):
    if archive.getinfo(name).file_size > _ZIP_MAX_SMALL_PART:
        raise ValidationError(_("The document unpacks to too much data."), code="zip_bomb")
    return archive.read(name)


def _ooxml_type(archive, names):
    content_types = _small_part(archive, "[Content_Types].xml").lower()
    if b"macroenabled" in content_types or any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(MACROS_REFUSED, code="macros")
    return next((file_type for part, file_type in _OOXML_MAIN_PARTS.items() if part in names), None)


def _opendocument_type(archive, names):
    if any(name.startswith(("Basic/", "Scripts/")) for name in names):
        raise ValidationError(MACROS_REFUSED, code="macros")
    return _ODF_MIMETYPES.get(_small_part(archive, "mimetype").strip())


def _check_text(content):
    """UTF-8 text without NUL bytes that a browser would not take for HTML, SVG or XML; None if binary."""
    data = content.read()
    content.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    if text.lstrip()[:16].lower().encode().startswith(_MARKUP_STARTS):
        raise ValidationError(_("HTML, SVG and XML files are not accepted."), code="markup")
    return TEXT


@deconstructible
class RandomName:
    """``upload_to`` giving an unguessable name in ``folder``, e.g. ``publications/2Kp…Q.pdf``.

    The extension is the one CheckedFieldFile derives from the content, never the uploader's.
    """

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return f"{self.folder}/{secrets.token_urlsafe(16)}{PurePath(filename).suffix.lower()}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


class CheckedFieldFile(FieldFile):
    def save(self, name, content, save=True):
        # Every way of storing a file passes here: forms (through pre_save), loaders and commands.
        checked = check_upload(content, self.field.accept, name=name)
        super().save(f"upload.{checked.file_type.extension}", checked.content, save)


class CheckedFileField(models.FileField):
    """A FileField that stores only files of the types in ``accept`` (see check_upload)."""

    attr_class = CheckedFieldFile

    def __init__(self, *args, accept=PDF_ONLY, **kwargs):
        self.accept = tuple(accept)
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract and cls.__module__ != "__fake__":  # not migrations' historical models
            delete_files_with_their_rows(cls)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["accept"] = self.accept
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        """A new upload is checked with the form, so a refusal is the field's error and nothing is saved."""
        super().validate(value, model_instance)
        if value and not value._committed:
            check_upload(value.file, self.accept, name=value.name)

    def formfield(self, **kwargs):
        formfield = super().formfield(**kwargs)
        accepted = [FILE_TYPES[extension] for extension in self.accept]
        formfield.widget.attrs.setdefault(
            "accept",
            ",".join(f".{extension}" for file_type in accepted for extension in file_type.name_extensions),
        )
        return formfield


# Files go when their rows let go of them -----------------------------------------------------


def delete_files_with_their_rows(model):
    """Delete the stored files of every file field of ``model`` that a saved row no longer
    refers to, or whose row is deleted, after the transaction commits. Connected once per model."""
    uid = f"delete_files_with_their_rows:{model._meta.label}"
    pre_save.connect(_delete_replaced_files, sender=model, dispatch_uid=uid)
    post_delete.connect(_delete_files_of_deleted_row, sender=model, dispatch_uid=uid)


def _file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def _delete_replaced_files(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding or instance.pk is None:
        return  # a fixture being loaded, or a new row: nothing is replaced
    fields = _file_fields(sender)
    stored = sender._base_manager.filter(pk=instance.pk).values(*(field.attname for field in fields)).first()
    if stored is None:
        return
    replaced = [
        (field, stored[field.attname])
        for field in fields
        if stored[field.attname] and stored[field.attname] != getattr(instance, field.attname).name
    ]
    _delete_after_commit(sender, replaced)


def _delete_files_of_deleted_row(sender, instance, **kwargs):
    files = [(field, getattr(instance, field.attname).name) for field in _file_fields(sender)]
    _delete_after_commit(sender, [(field, name) for field, name in files if name])


def _delete_after_commit(model, files):
    if files:
        transaction.on_commit(lambda: _delete_unreferenced(model, files), robust=True)


def _delete_unreferenced(model, files):
    for field, name in files:
        # Another row (e.g. demo content sharing one file) may still refer to it: then it stays.
        still_used = any(
            model._base_manager.filter(**{other.attname: name}).exists()
            for other in _file_fields(model)
            if other.storage is field.storage
        )
        if not still_used:
            field.storage.delete(name)
