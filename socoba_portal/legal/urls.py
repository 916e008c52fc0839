from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "legal"

urlpatterns = [
    path(pgettext_lazy("URL", "accessibility/"), views.accessibility_statement, name="accessibility"),
    path(pgettext_lazy("URL", "privacy/"), views.privacy_notice, name="privacy"),
]
