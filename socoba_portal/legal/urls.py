from django.urls import path
from django.utils.translation import pgettext_lazy

from socoba_portal.page_cache import public_page

from . import views

app_name = "legal"

urlpatterns = [
    path(pgettext_lazy("URL", "accessibility/"), public_page(views.accessibility_statement), name="accessibility"),
    path(pgettext_lazy("URL", "privacy/"), public_page(views.privacy_notice), name="privacy"),
]
