from django.urls import path
from django.utils.translation import pgettext_lazy

from socoba_portal.page_cache import public_page
from socoba_portal.reports.views import ReportView

from . import views
from .reports import ProjectReport

app_name = "projects"

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path(pgettext_lazy("URL", "socoba/"), public_page(views.AboutSocobaView.as_view()), name="about"),
    path(pgettext_lazy("URL", "projects/"), public_page(views.ProjectListView.as_view()), name="list"),
    path(
        pgettext_lazy("URL", "projects/<slug:slug>/"),
        public_page(views.ProjectDetailView.as_view()),
        name="detail",
    ),
    path(
        pgettext_lazy("URL", "publications/"),
        public_page(views.PublicationListView.as_view()),
        name="publications",
    ),
    path(
        pgettext_lazy("URL", "reports/project/<str:value>/"),
        ReportView.as_view(report_class=ProjectReport),
        name="report",
    ),
    path(
        pgettext_lazy("URL", "publications/<slug:slug>/"),
        public_page(views.PublicationDetailView.as_view()),
        name="publication",
    ),
]
