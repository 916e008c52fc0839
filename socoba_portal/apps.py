from django.apps import AppConfig
from django.conf import settings
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _
from PIL import Image


class PortalConfig(AppConfig):
    name = "socoba_portal"
    verbose_name = _("SOCOBA portal")

    def ready(self):
        from .admin_accessibility import use_accessible_admin_widgets
        from .converters import TokenConverter

        use_accessible_admin_widgets()
        # Every image Pillow opens in this process (thumbnails too) obeys the upload limit.
        Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_IMAGE_PIXELS
        register_converter(TokenConverter, "token")
