"""SOCOBA seminars, workshops, network meetings and webinars, with registration.

Registrants are personal data: only the event's coordinators (``seminars.view_registration``
through a project membership) and administrators see them; public pages show
only counts. The registration workflow (capacity, waiting list, mail) is in
``seminars.services``.
"""

import datetime
import secrets
from urllib.parse import quote_plus

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import CharField, Count, F, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from projects.models import Project, PublicationState
from socoba_portal import uploads
from socoba_portal.disclosure import PeopleCount
from socoba_portal.erasure import erase_copies
from socoba_portal.mail import forget_mail_about
from socoba_portal.uploads import CheckedFileField, RandomName
from socoba_portal.validators import validate_printable_text, validate_sensible_date

# The fixed words beside the event pages' slugs (see seminars.urls), with a sample argument.
FIXED_EVENT_ADDRESSES = [
    ("seminars:feed", {}),
    ("seminars:project_calendar", {"project": "x"}),
    ("seminars:cancel", {"token": "x"}),
    ("seminars:certificate", {"token": "x"}),
]


def reserved_slugs():
    """Slugs an event cannot have, in any language: the URL words of the feed,
    calendars, cancellation and certificate pages would hide its page."""
    words = set()
    events_prefix = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            events_prefix[code] = reverse("seminars:list")
            for name, kwargs in FIXED_EVENT_ADDRESSES:
                words.add(reverse(name, kwargs=kwargs).removeprefix(events_prefix[code]).split("/")[0])
    return {word for word in words if word}


def new_token():
    return secrets.token_urlsafe(32)


# The moments at which an event's public page changes without anyone editing it.
CHANGING_MOMENTS = ("start", "end", "registration_opens", "registration_deadline")


class EventQuerySet(models.QuerySet):
    def public(self):
        """What visitors see: published and cancelled events of published projects."""
        return self.filter(
            status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
            project__state=PublicationState.PUBLISHED,
        ).select_related("project")

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def with_counts(self, *names):
        """Registration counts (``confirmed_count``, ``waitlisted_count``, ``cancelled_count``,
        ``attended_count``; all, or the ``names`` given, e.g. ``"attended"``), in the same
        query: one small subquery each (on the registrations' event index), not a join
        grouped by every column of the event, which costs five times as much."""
        status = Registration.Status
        conditions = {
            "confirmed": {"status": status.CONFIRMED},
            "waitlisted": {"status": status.WAITLISTED},
            "cancelled": {"status": status.CANCELLED},
            "attended": {"attended": True, "status": status.CONFIRMED},
        }

        def count(condition):
            registrations = Registration.objects.filter(event=OuterRef("pk"), **condition).order_by()
            return Coalesce(Subquery(registrations.values("event").annotate(n=Count("pk")).values("n")), 0)

        return self.annotate(**{f"{name}_count": count(conditions[name]) for name in names or conditions})

    def years(self):
        return sorted({moment.year for moment in self.datetimes("start", "year")}, reverse=True)

    def next_change_after(self, moment):
        """The first start, end, registration opening or deadline after ``moment``: when
        pages showing these events change by themselves (upcoming → past, open → closed)."""
        moments = self.aggregate(
            **{field: Min(field, filter=Q(**{f"{field}__gt": moment})) for field in CHANGING_MOMENTS}
        ).values()
        return min((found for found in moments if found is not None), default=None)


class Event(models.Model):
    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Seminar")
        WORKSHOP = "workshop", _("Workshop")
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        WEBINAR = "webinar", _("Webinar")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    project_lookup = "project"  # see projects.permissions
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.SEMINAR)
    series_name = models.CharField(
        _("series"), max_length=100, blank=True, help_text=_("E.g. “SOCOBA-seminaari”, for events in a series.")
    )
    series_number = models.PositiveSmallIntegerField(_("number in the series"), null=True, blank=True)
    series_total = models.PositiveSmallIntegerField(_("events in the series"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=_("The event's web address."))
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("starts"), validators=[validate_sensible_date])
    end = models.DateTimeField(_("ends"), validators=[validate_sensible_date])
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    online_url = models.URLField(_("online link"), blank=True, help_text=_("For a webinar or a hybrid event."))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Places for registrants; empty: no limit.")
    )
    registration_enabled = models.BooleanField(_("registration in the portal"), default=True)
    registration_opens = models.DateTimeField(
        _("registration opens"),
        validators=[validate_sensible_date],
        null=True,
        blank=True,
        help_text=_("Empty: as soon as the event is published."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        validators=[validate_sensible_date],
        null=True,
        blank=True,
        help_text=_("Empty: until the event starts."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    is_demo = models.BooleanField(_("demo content"), default=False, help_text=_("Invented for the demo."))
    cancellation_reason = models.TextField(
        _("reason for cancelling"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Needed in Finnish at least to cancel the event: mailed to everyone registered or on the waiting "
            "list, in their language (Finnish where their language has none)."
        ),
        validators=[validate_printable_text],
    )
    cancellation_mailed_at = models.DateTimeField(_("cancellation mailed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start", "pk"]
        indexes = [
            # public() in time order, upcoming() and past() (by the end), the admin's order,
            # date hierarchy and filters.
            models.Index(fields=["status", "start"], name="event_status_start_idx"),
            models.Index(fields=["start"], name="event_start_idx"),
            models.Index(fields=["end"], name="event_end_idx"),
            models.Index(fields=["kind"], name="event_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__lte=F("end")), name="event_period_ordered"),
            models.CheckConstraint(
                condition=~Q(address="") | ~Q(online_url=""), name="event_has_address_or_online_link"
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_deadline__isnull=True)
                | Q(registration_opens__lte=F("registration_deadline")),
                name="event_registration_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(series_number__isnull=True)
                | Q(series_total__isnull=True)
                | Q(series_number__lte=F("series_total")),
                name="event_series_number_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.series_label}: {self.title}" if self.series_label else self.title

    def save(self, *args, **kwargs):
        # Published again, the event can be cancelled again later: that cancellation is mailed too.
        if self.status != self.Status.CANCELLED and self.cancellation_mailed_at:
            self.cancellation_mailed_at = None
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "cancellation_mailed_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("seminars:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.slug in reserved_slugs():
            errors["slug"] = _("This address is reserved; choose another.")
        if self.start and self.end and self.start > self.end:
            errors["end"] = _("The event cannot end before it starts.")
        if not self.address and not self.online_url:
            errors["address"] = _("Give the venue's address, an online link, or both.")
        opens, deadline = self.registration_opens, self.registration_deadline
        if opens and deadline and opens > deadline:
            errors["registration_deadline"] = _("The deadline cannot be before registration opens.")
        if self.series_number and self.series_total and self.series_number > self.series_total:
            errors["series_number"] = _("The number cannot be greater than the number of events in the series.")
        if self.status == self.Status.CANCELLED and not self.cancellation_reason_fi:
            errors["cancellation_reason_fi"] = _(
                "Write in Finnish why the event is cancelled: it is mailed to everyone registered or on the "
                "waiting list (in Swedish and English too, where you write those)."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def series_label(self):
        """“SOCOBA-seminaari 3/6”."""
        if not self.series_number:
            return ""
        number = f"{self.series_number}/{self.series_total}" if self.series_total else str(self.series_number)
        return f"{self.series_name} {number}".strip()

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def programme_hours(self):
        """The hours a certificate of attendance states: the programme items' own times,
        breaks left out; the event's whole time less its breaks when an item has no end."""
        items = list(self.programme_items.all())
        talks = [item for item in items if not item.is_break]
        if talks and all(item.end_time for item in talks):
            return sum((_duration(item) for item in talks), datetime.timedelta()).total_seconds() / 3600
        breaks = sum((_duration(item) for item in items if item.is_break and item.end_time), datetime.timedelta())
        return (self.end - self.start - breaks).total_seconds() / 3600

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    @property
    def deadline(self):
        return self.registration_deadline or self.start

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        return (
            self.registration_enabled
            and self.status == self.Status.PUBLISHED
            and (self.registration_opens is None or self.registration_opens <= now)
            and now < self.deadline
        )

    def registration_not_yet_open(self, now=None):
        now = now or timezone.now()
        return self.registration_opens is not None and now < self.registration_opens

    def confirmed_places(self):
        if hasattr(self, "confirmed_count"):
            return self.confirmed_count
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_places(), 0)

    def public_registered(self):
        """The confirmed registrations as the public may see them (1–4: "fewer than 5")."""
        return PeopleCount.of(self.confirmed_places())

    def public_attended(self):
        """How many attended, as the public may see it (1–4: "fewer than 5")."""
        count = self.attended_count if hasattr(self, "attended_count") else self.registrations.attendees().count()
        return PeopleCount.of(count)

    def is_full(self):
        return self.capacity is not None and self.places_left() == 0

    @property
    def map_url(self):
        """A plain link to OpenStreetMap: no embedded map, no tracking scripts."""
        if not self.address:
            return ""
        return f"https://www.openstreetmap.org/search?query={quote_plus(self.address)}"

    def visible_materials(self, now=None):
        """Materials published with the event, and after it once it is over."""
        past = self.is_past(now)
        return [m for m in self.materials.all() if m.visibility == Material.Visibility.WITH_EVENT or past]


def _duration(item):
    day = datetime.date(2000, 1, 1)  # any day: the times are of one day
    length = datetime.datetime.combine(day, item.end_time) - datetime.datetime.combine(day, item.start_time)
    return max(length, datetime.timedelta())


class ProgrammeItem(models.Model):
    project_lookup = "event__project"  # see projects.permissions
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme_items")
    start_time = models.TimeField(_("time"))
    end_time = models.TimeField(_("until"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=250)
    speakers = models.CharField(
        _("speakers and their organisations"),
        max_length=500,
        blank=True,
        help_text=_("E.g. “Name Surname, Organisation”; separate speakers with semicolons."),
    )
    description = models.TextField(_("description"), blank=True)
    is_break = models.BooleanField(
        _("break"),
        default=False,
        help_text=_("A lunch or coffee break: not counted in a certificate's hours nor listed among its topics."),
    )

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        ordering = ["event", "start_time", "pk"]

    def __str__(self):
        return self.title


class Material(models.Model):
    class Visibility(models.TextChoices):
        WITH_EVENT = "with_event", _("With the event")
        AFTER_EVENT = "after_event", _("After the event")

    project_lookup = "event__project"  # see projects.permissions
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=250)
    file = CheckedFileField(
        _("file"), accept=uploads.MATERIALS, upload_to=RandomName("seminars/materials"), blank=True
    )
    url = models.URLField(_("link"), blank=True)
    visibility = models.CharField(
        _("published"), max_length=12, choices=Visibility, default=Visibility.AFTER_EVENT
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["event", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="material_has_file_or_link"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError(_("Give a file or a link."))

    @property
    def href(self):
        return self.file.url if self.file else self.url


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def attendees(self):
        """Who attended: marked attended, with a place (a cancelled registration never counts,
        nor gets a certificate, even if it was ticked)."""
        return self.confirmed().filter(attended=True)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)

    def retention_ended(self, days=None, now=None):
        """Not yet anonymised, of events that ended more than ``days`` (default
        ``SEMINAR_RETENTION_DAYS``) ago."""
        days = settings.SEMINAR_RETENTION_DAYS if days is None else days
        cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
        return self.not_anonymised().filter(event__end__lt=cutoff)

    def anonymise(self, now=None):
        """Erase the registrants: name, email, organisation, job title and needs, their
        entries in the audit trail and admin history, and the background report files of
        their events (sign-in sheets) and certificates. Status and attendance stay, so the
        events' counts do not change. Returns the number of registrations."""
        now = now or timezone.now()
        with transaction.atomic():
            registrations = list(self.select_for_update(of=("self",)).order_by("pk"))
            pks = [registration.pk for registration in registrations]
            Registration.objects.filter(pk__in=pks).update(
                name="",
                email="",
                organisation="",
                title="",
                needs="",
                # The cancellation link stops working; the token stays unique.
                token=Concat(Value("anonymised-"), Cast("pk", CharField())),
                anonymised_at=Coalesce("anonymised_at", Value(now)),
                updated_at=now,
            )
            events = list(Event.objects.filter(registrations__in=pks).distinct())
            erase_copies(registrations, covering=[*events, *registrations])
        return len(registrations)

    def delete(self):
        """Delete the registrations and the queued and sent mail to them (it holds the address)."""
        with transaction.atomic():
            forget_mail_about(self.model._meta.app_label, self.values_list("pk", flat=True))
            return super().delete()


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    project_lookup = "event__project"  # see projects.permissions
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), blank=True)  # the public form requires one; a walk-in may give none
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    title = models.CharField(_("job title"), max_length=150, blank=True)
    needs = models.TextField(_("accessibility or dietary needs"), blank=True)
    consent_at = models.DateTimeField(_("consented to the privacy notice"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.CONFIRMED)
    attended = models.BooleanField(_("attended"), default=False)
    language = models.CharField(_("language"), max_length=5, default="fi")
    token = models.CharField(
        _("cancellation token"), max_length=64, unique=True, default=new_token, editable=False
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    certificate_sent_at = models.DateTimeField(_("certificate link sent"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        indexes = [
            # An event's counts per status and its waiting list in order (services.register),
            # its registrations in order (the admin), the admin's filters.
            models.Index(fields=["event", "status", "created_at"], name="registration_event_status_idx"),
            models.Index(fields=["event", "created_at"], name="registration_event_created_idx"),
            models.Index(fields=["status"], name="registration_status_idx"),
            models.Index(fields=["created_at"], name="registration_created_idx"),
        ]
        constraints = [
            # One active registration per email and event, whatever its case (anonymised rows
            # have no email). Emails are stored lower-cased (save()); Lower() holds even if not.
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="registration_unique_active_email_ci",
                violation_error_code="email_taken",
                violation_error_message=_("This email address already has an active registration for this event."),
            ),
        ]

    def __str__(self):
        # No name here: the audit trail stores this text, and it must outlive no one's data.
        return _("Registration %(number)s") % {"number": self.pk or "–"}

    def save(self, *args, **kwargs):
        # One spelling per address: the constraint above and every lookup compare lower case.
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        """Delete the registration and the queued and sent mail to it (it holds the address)."""
        with transaction.atomic():
            forget_mail_about(self._meta.app_label, [self.pk])
            return super().delete(*args, **kwargs)

    def clean(self):
        if self.attended and self.status != self.Status.CONFIRMED:
            raise ValidationError({"attended": _("Only someone with a place can be marked attended.")})

    def get_cancel_url(self):
        return reverse("seminars:cancel", kwargs={"token": self.token})

    def get_certificate_url(self):
        return reverse("seminars:certificate", kwargs={"token": self.token})

    @property
    def is_anonymised(self):
        return self.anonymised_at is not None

    @property
    def join_url(self):
        """An online event's join link is not public: it goes only to a confirmed place."""
        return self.event.online_url if self.status == self.Status.CONFIRMED else ""


PERSONAL_FIELDS = ["name", "email", "organisation", "title", "needs", "token"]

# Every change is in the audit trail; registrants' personal fields are left out of
# it so that anonymisation after the retention period leaves no copy behind.
auditlog.register(Event)
auditlog.register(ProgrammeItem)
auditlog.register(Material)
auditlog.register(Registration, exclude_fields=PERSONAL_FIELDS)
