from django.urls import path
from django.utils.translation import pgettext_lazy

from socoba_portal.page_cache import public_page
from socoba_portal.reports.views import ReportView

from . import views
from .reports import CohortReport

app_name = "students"

urlpatterns = [
    path(
        pgettext_lazy("URL", "cohorts/<slug:slug>/"), public_page(views.CohortDetailView.as_view()), name="cohort"
    ),
    path(pgettext_lazy("URL", "thesis-topics/"), public_page(views.ThesisTopicListView.as_view()), name="topics"),
    path(
        pgettext_lazy("URL", "reports/cohort/<str:value>/"),
        ReportView.as_view(report_class=CohortReport),
        name="report",
    ),
]
