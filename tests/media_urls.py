"""The root urlconf as in development (DEBUG), where the portal serves uploaded files itself."""

from socoba_portal.urls import media_urlpatterns
from socoba_portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [*portal_urlpatterns, *media_urlpatterns]
