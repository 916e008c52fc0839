from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "socoba_portal"
    verbose_name = _("SOCOBA portal")

    def ready(self):
        from .admin_accessibility import use_accessible_admin_widgets
        from .converters import TokenConverter

        use_accessible_admin_widgets()
        register_converter(TokenConverter, "token")
