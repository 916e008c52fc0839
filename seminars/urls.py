from django.urls import path
from django.utils.translation import pgettext_lazy

from socoba_portal.page_cache import public_page
from socoba_portal.reports.views import ReportView

from . import views
from .reports import SeminarReport

app_name = "seminars"

urlpatterns = [
    path(pgettext_lazy("URL", "events/"), public_page(views.EventListView.as_view()), name="list"),
    path(pgettext_lazy("URL", "events/feed/"), public_page(views.UpcomingEventsFeed()), name="feed"),
    path(pgettext_lazy("URL", "events/calendar.ics"), public_page(views.calendar_feed), name="calendar"),
    path(
        pgettext_lazy("URL", "events/calendar/<slug:project>.ics"),
        public_page(views.calendar_feed),
        name="project_calendar",
    ),
    path(
        pgettext_lazy("URL", "events/cancel/<token:token>/"),
        views.cancel_registration,
        name="cancel",
    ),
    path(
        pgettext_lazy("URL", "events/certificate/<token:token>/"), views.attendance_certificate, name="certificate"
    ),
    path(
        pgettext_lazy("URL", "reports/seminar/<str:value>/"),
        ReportView.as_view(report_class=SeminarReport),
        name="report",
    ),
    path(pgettext_lazy("URL", "events/<slug:slug>/"), public_page(views.EventDetailView.as_view()), name="detail"),
    path(pgettext_lazy("URL", "events/<slug:slug>/register/"), views.register, name="register"),
    path(pgettext_lazy("URL", "events/<slug:slug>/event.ics"), public_page(views.event_ics), name="ics"),
]
