from http import HTTPStatus

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.paginator import InvalidPage
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import DetailView, ListView

from projects.models import Project
from socoba_portal.abuse import rate_limit_allows
from socoba_portal.http import private_response
from socoba_portal.reports.views import pdf_response

from . import services
from .calendar import calendar_for
from .forms import EventFilterForm, RegistrationForm
from .models import Event, Material, ProgrammeItem, Registration
from .reports import AttendanceCertificate
from .structured_data import event_data
from .templatetags.seminars import format_event_time


class EventListView(ListView):
    """Upcoming and past events, filtered, each list a page at a time (``page`` pages the
    past events, ``upcoming_page`` the upcoming ones); a page that does not exist is a 404."""

    template_name = "seminars/event_list.html"
    context_object_name = "past_events"
    paginate_by = 20
    upcoming_page_kwarg = "upcoming_page"

    def get_queryset(self):
        self.now = timezone.now()
        events = Event.objects.public()
        self.filter_form = EventFilterForm(self.request.GET or None, years=events.years())
        self.filtered = self.filter_form.filter(events)
        return self.filtered.past(self.now)

    def paginate_queryset(self, queryset, page_size):
        """Past events show their attendance: counted for the page's events only (one query,
        the page a subquery), not for every past event before the page is cut out."""
        paginator, page, past_events, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = (
            Event.objects.public()
            .filter(pk__in=past_events.values("pk"))
            .with_counts("attended")
            .order_by("-start", "-pk")
        )
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        paginator = self.get_paginator(self.filtered.upcoming(self.now), self.paginate_by)
        try:
            upcoming_page = paginator.page(self.request.GET.get(self.upcoming_page_kwarg) or 1)
        except InvalidPage as error:
            raise Http404 from error
        return super().get_context_data(
            filter_form=self.filter_form,
            upcoming_events=upcoming_page.object_list,
            upcoming_page=upcoming_page,
            upcoming_page_kwarg=self.upcoming_page_kwarg,
            **kwargs,
        )


class EventDetailView(DetailView):
    template_name = "seminars/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return (
            Event.objects.public()
            .with_counts()
            .prefetch_related(
                Prefetch("programme_items", queryset=ProgrammeItem.objects.order_by("start_time", "pk")),
                Prefetch("materials", queryset=Material.objects.order_by("order", "pk")),
            )
        )

    def get_context_data(self, **kwargs):
        event = self.object
        if "form" not in kwargs:
            kwargs["form"] = RegistrationForm(event=event, privacy_notice_url=reverse("legal:privacy"))
        return super().get_context_data(
            registration_open=event.registration_is_open(),
            materials=event.visible_materials(),
            structured_data=event_data(event, self.request),
            **kwargs,
        )


@require_POST
def register(request, slug):
    """Bind, validate, act, redirect; refusals are shown on the event page."""
    view = EventDetailView()
    view.setup(request, slug=slug)
    view.object = event = view.get_object()
    form = RegistrationForm(request.POST, event=event, privacy_notice_url=reverse("legal:privacy"))
    done = redirect(event.get_absolute_url() + "#registration")
    if form.is_from_bot():
        return done  # dropped quietly: nothing stored, nothing sent
    if form.is_valid() and form.passes_rate_limit(request):
        registration = form.save()
        if registration is not None:
            if registration.status == Registration.Status.WAITLISTED:
                messages.info(request, _("You are on the waiting list. We sent the details to your email."))
            else:
                messages.success(request, _("Your place is confirmed. We sent the details to your email."))
            return done
    return render(request, view.template_name, view.get_context_data(form=form), status=form.status_code)


@require_http_methods(["GET", "POST"])
@private_response
def cancel_registration(request, token):
    """Self-service cancellation behind the secret link; GET only asks, POST cancels
    (mail scanners follow links). The page shows no personal data."""
    registration = Registration.objects.select_related("event__project").filter(token=token).first()
    if registration is None or registration.is_anonymised:
        raise Http404
    event = registration.event
    posted = request.method == "POST"
    rate_limited = posted and not rate_limit_allows(request, "registration_cancellation")
    cancellable = registration.status != Registration.Status.CANCELLED and not event.is_past()
    if posted and cancellable and not rate_limited:
        services.cancel(registration)
        registration.refresh_from_db()
    return render(
        request,
        "seminars/cancel.html",
        {"registration": registration, "event": event, "posted": posted, "rate_limited": rate_limited},
        status=HTTPStatus.TOO_MANY_REQUESTS if rate_limited else HTTPStatus.OK,
    )


def _ics_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request, slug):
    event = get_object_or_404(Event.objects.public(), slug=slug)
    return _ics_response(calendar_for([event]), f"{event.slug}.ics")


def calendar_feed(request, project=None):
    """A subscribable calendar of every public event, or of one project's."""
    events = Event.objects.public().order_by("start", "pk")
    name = _("SOCOBA events")
    filename = "socoba-events.ics"
    if project is not None:
        project = get_object_or_404(Project.objects.published(), slug=project)
        events = events.filter(project=project)
        name = f"{name} – {project.name}"
        filename = f"socoba-events-{project.slug}.ics"
    return _ics_response(calendar_for(events, name=name), filename)


class UpcomingEventsFeed(Feed):
    """An Atom feed of upcoming events."""

    feed_type = Atom1Feed
    title = gettext_lazy("SOCOBA portal: upcoming events")
    subtitle = gettext_lazy("Seminars, workshops and network meetings of the SOCOBA ecosystem")

    def link(self):
        return reverse("seminars:list")

    def items(self):
        return Event.objects.public().upcoming()[:50]

    def item_title(self, event):
        return str(event)

    def item_description(self, event):
        # Atom1Feed sends the summary as type="html": the plain-text description is
        # escaped (and its line breaks kept) so readers show it as written, never as markup.
        return linebreaks(f"{format_event_time(event.start, event.end)}. {event.description}", autoescape=True)

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [event.get_kind_display(), event.project.name]


@private_response
def attendance_certificate(request, token):
    """The participant's certificate of attendance, behind the secret link in their email."""
    try:
        report = AttendanceCertificate.for_participant(token)
    except Registration.DoesNotExist:
        raise Http404 from None
    return pdf_response(report)
