"""The root urlconf: the only place that composes every app."""

import re

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from projects.sitemaps import sitemaps as project_sitemaps
from seminars.sitemaps import sitemaps as seminar_sitemaps
from students.sitemaps import sitemaps as student_sitemaps

from . import views
from .legal.sitemaps import sitemaps as legal_sitemaps
from .page_cache import public_page

sitemaps = project_sitemaps | seminar_sitemaps | student_sitemaps | legal_sitemaps

# Staff sign in through allauth (rate limits, MFA), also for the admin.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("SOCOBA portal administration")
admin.site.site_title = _("SOCOBA portal")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("reports/exports/<int:pk>/", views.report_export_download, name="report_export_download"),
    path("admin/", admin.site.urls),
]
# The public pages first: a URL is matched against the patterns in order, and the
# sign-in's many patterns come after the pages visitors ask for most.
urlpatterns += i18n_patterns(
    path("", include("projects.urls")),
    path("", include("seminars.urls")),
    path("", include("students.urls")),
    path("", include("socoba_portal.legal.urls")),
    path("accounts/signup/", views.signup_closed, name="account_signup"),
    path("accounts/", include("allauth.urls")),
)

# Error pages in the portal's layout (templates/400.html … 500.html). Django's own views
# render 400, 403 and 404 with the request; the 500 view is ours so that it does too.
handler400 = "django.views.defaults.bad_request"
handler403 = "django.views.defaults.permission_denied"
handler404 = "django.views.defaults.page_not_found"
handler500 = views.server_error

# Uploaded files: nginx serves them in production (deploy/nginx-media.conf), this view in development.
media_urlpatterns = [
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", views.media, name="media"),
]
if settings.DEBUG:
    urlpatterns += media_urlpatterns
