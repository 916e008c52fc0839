from django.apps import AppConfig
from django.conf import settings
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _
from PIL import Image


class PortalConfig(AppConfig):
    name = "socoba_portal"
    verbose_name = _("SOCOBA portal")

    def ready(self):
        from django.core.signals import setting_changed
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import page_cache
        from .admin_accessibility import use_accessible_admin_widgets
        from .admin_numbers import use_localized_numbers
        from .converters import TokenConverter

        use_accessible_admin_widgets()
        use_localized_numbers()
        # Every image Pillow opens in this process (thumbnails too) obeys the upload limit.
        Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_IMAGE_PIXELS
        register_converter(TokenConverter, "token")
        # Any change a page may show makes every stored page out of date (see page_cache).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(page_cache.model_changed, dispatch_uid=f"page_cache.{signal}")
        setting_changed.connect(page_cache.settings_changed, dispatch_uid="page_cache.settings")
