"""Cover thumbnails, made once with Pillow when a cover is saved."""

from io import BytesIO
from pathlib import PurePath

from django.core.files.base import ContentFile
from PIL import Image

THUMBNAIL_SIZE = (240, 340)


def make_thumbnail(image_file):
    image_file.open()
    image_file.seek(0)
    with Image.open(image_file) as image:
        image = image.convert("RGB")
        image.thumbnail(THUMBNAIL_SIZE)
        buffer = BytesIO()
        image.save(buffer, format="JPEG", quality=85, optimize=True)
    stem = PurePath(image_file.name).stem
    return ContentFile(buffer.getvalue(), name=f"{stem}-thumb.jpg")
