"""The root urlconf: the only place that composes every app."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from projects.sitemaps import sitemaps as project_sitemaps
from seminars.sitemaps import sitemaps as seminar_sitemaps
from students.sitemaps import sitemaps as student_sitemaps

from . import views
from .legal.sitemaps import sitemaps as legal_sitemaps

sitemaps = project_sitemaps | seminar_sitemaps | student_sitemaps | legal_sitemaps

# Staff sign in through allauth (rate limits, MFA), also for the admin.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("SOCOBA portal administration")
admin.site.site_title = _("SOCOBA portal")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("reports/exports/<int:pk>/", views.report_export_download, name="report_export_download"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("accounts/signup/", views.signup_closed, name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("", include("socoba_portal.legal.urls")),
    path("", include("seminars.urls")),
    path("", include("students.urls")),
    path("", include("projects.urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
