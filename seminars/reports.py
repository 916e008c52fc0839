from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.reports import ProjectScopedReport
from socoba_portal.audit import log_access_many
from socoba_portal.reports.rendering import SYSTEM

from .models import Event, Registration


class SeminarReport(ProjectScopedReport):
    """The event's facts, programme, materials and counts, who attended, and for an event
    with a venue a printable sign-in sheet of those expected there."""

    kind = "seminar"
    template_name = "seminars/reports/seminar.html"
    file_label = _("seminar-report")
    name = _("Seminar report")
    permission = "seminars.view_registration"

    @classmethod
    def report_queryset(cls):
        return (
            Event.objects.with_counts()
            .select_related("project")
            .prefetch_related(
                "programme_items",
                "materials",
                Prefetch(
                    "registrations",
                    queryset=Registration.objects.active().order_by("name", "pk"),
                    to_attr="sheet",
                ),
                Prefetch(
                    "registrations",
                    queryset=Registration.objects.attendees().order_by("name", "pk"),
                    to_attr="attendees",
                ),
            )
        )

    def title(self):
        return f"{self.object} – {_('Seminar report')}"

    def project(self):
        return self.object.project

    def estimated_rows(self):
        return self.object.registrations.count()

    @property
    def lists_attendees(self):
        return self.object.is_past()

    @property
    def attendees(self):
        return self.object.attendees if self.lists_attendees else []

    @property
    def has_sign_in_sheet(self):
        # A sheet to sign on paper is for people coming to a venue; an online event has none.
        return bool(self.object.address)

    @property
    def sign_in_sheet(self):
        return self.object.sheet if self.has_sign_in_sheet else []

    def on_export(self):
        # Act 906/2019 §17: everyone the report names (attendees, the sign-in sheet) is logged once.
        listed = {registration.pk: registration for registration in [*self.attendees, *self.sign_in_sheet]}
        log_access_many(listed.values(), actor=self.actor)


class AttendanceCertificate(ProjectScopedReport):
    """Osallistumistodistus: for one registrant marked attended."""

    kind = "certificate"
    template_name = "seminars/reports/certificate.html"
    file_label = _("certificate-of-attendance")
    name = _("Certificate of attendance")
    permission = "seminars.view_registration"

    @classmethod
    def report_queryset(cls):
        # Attendance is certified once the event is over, never in advance.
        return (
            Registration.objects.attendees()
            .filter(anonymised_at__isnull=True, event__end__lte=timezone.now())
            .select_related("event__project")
            .prefetch_related("event__programme_items")
        )

    @classmethod
    def lookup(cls, value):
        value = str(value)
        return {"pk": int(value)} if value.isdigit() and len(value) <= 15 else {"token": value}

    @classmethod
    def for_participant(cls, token, *, language=None):
        """The participant's own certificate, from the secret link in their email: the link
        is the credential, so it is made as a system export."""
        registration = cls.report_queryset().get(token=token)
        return cls(registration, user=SYSTEM, language=language or registration.language)

    def title(self):
        return f"{_('Certificate of attendance')} – {self.object.event}"

    def project(self):
        return self.object.event.project

    def hours(self):
        return round(self.object.event.programme_hours(), 1)

    def topics(self):
        """The programme's items without its breaks (no "Lounas" among the topics)."""
        return [item for item in self.object.event.programme_items.all() if not item.is_break]

    def on_export(self):
        log_access_many([self.object], actor=self.actor)

    def file_subject(self):
        # Named by the event and the person, as a coordinator handing them out looks for them.
        return f"{self.object.event.slug}-{self.object.name}"
