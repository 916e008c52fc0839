"""The coordinators' admin: events with their programme and materials, the
registrations per event, exports (django-import-export, ``resources.py``),
check-in and status changes with their mail.

Registrants are personal data: every page here is scoped to the projects in which
the user holds ``seminars.view_registration`` (``ProjectScopedAdminMixin``), and
views and exports of registrations are written to the audit trail.
"""

from auditlog.signals import accessed
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportActionMixin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from projects.admin_mixins import ProjectScopedAdminMixin
from socoba_portal.admin_translations import MissingTranslationFilter, MissingTranslationsMixin
from socoba_portal.audit import log_access_many
from socoba_portal.exports.admin import PersonalDataExportMixin
from socoba_portal.reports.admin import ReportAdminMixin, refuse_a_large_zip
from socoba_portal.reports.views import zip_response
from socoba_portal.validators import validate_printable_text

from . import services
from .models import Event, Material, ProgrammeItem, Registration
from .reports import AttendanceCertificate, SeminarReport
from .resources import RegistrationResource
from .templatetags.seminars import format_event_time


class ProgrammeItemInline(ProjectScopedAdminMixin, TranslationTabularInline):
    model = ProgrammeItem
    fields = ["start_time", "end_time", "title", "speakers", "description", "is_break"]
    extra = 0


class MaterialInline(ProjectScopedAdminMixin, TranslationTabularInline):
    model = Material
    fields = ["order", "title", "file", "url", "visibility", "is_demo"]
    extra = 0


@admin.register(Event)
class EventAdmin(ReportAdminMixin, ProjectScopedAdminMixin, MissingTranslationsMixin, TranslationAdmin):
    report_class = SeminarReport
    report_url_name = "seminars:report"
    actions = ["export_reports", "export_certificates"]
    list_display = [
        "__str__",
        "project",
        "kind",
        "start",
        "status",
        "capacity_display",
        "waitlisted_display",
        "cancelled_display",
        "attended_display",
        "registrations_link",
        "missing_translations",
        "is_demo",
    ]
    list_filter = ["status", "kind", "project", "is_demo", MissingTranslationFilter]
    list_select_related = ["project"]
    date_hierarchy = "start"
    search_fields = ["title", "series_name", "venue", "address"]
    prepopulated_fields = {"slug": ["title_fi"]}
    autocomplete_fields = ["project"]
    inlines = [ProgrammeItemInline, MaterialInline]
    fieldsets = [
        (None, {"fields": ["project", "kind", "title", "slug", "status", "is_demo"]}),
        (_("Series"), {"fields": [("series_name", "series_number", "series_total")]}),
        (_("Time and place"), {"fields": [("start", "end"), "venue", "address", "online_url"]}),
        (
            _("Registration"),
            {"fields": ["registration_enabled", "capacity", ("registration_opens", "registration_deadline")]},
        ),
        (_("Content"), {"fields": ["description"]}),
        (
            _("Cancellation"),
            {
                "fields": ["cancellation_reason", "cancellation_mailed_at"],
                "description": _(
                    "To cancel the event, set its status to Cancelled and write the reason: everyone "
                    "registered or on the waiting list gets it by mail, once, in their language."
                ),
            },
        ),
    ]
    readonly_fields = ["cancellation_mailed_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.action(description=_("Certificates of attendance of the selected events (PDF, zip)"))
    def export_certificates(self, request, queryset):
        registrations = AttendanceCertificate.get_queryset(request.user).filter(event__in=queryset)
        certificates = [
            AttendanceCertificate(registration, user=request.user, language=registration.language)
            for registration in registrations
        ]
        if not certificates:
            self.message_user(
                request,
                _("No certificates: nobody has been marked attended, or the events are not over yet."),
                messages.WARNING,
            )
            return None
        if refuse_a_large_zip(self, request, len(certificates), settings.REPORT_ZIP_MAX_CERTIFICATES):
            return None
        label = _("certificates-of-attendance")
        return zip_response(certificates, f"{label}-{timezone.localdate():%Y-%m-%d}.zip")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.is_cancelled:
            mailed = services.mail_event_cancellation(obj)
            if mailed:
                self.message_user(
                    request,
                    ngettext(
                        "The cancellation and its reason were mailed to %(count)d person.",
                        "The cancellation and its reason were mailed to %(count)d people.",
                        mailed,
                    )
                    % {"count": mailed},
                )
        if change and "capacity" in form.changed_data:
            promoted = services.fill_from_waitlist(obj)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d person moved up from the waiting list and was emailed.",
                        "%(count)d people moved up from the waiting list and were emailed.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                )

    @admin.display(description=_("confirmed / places"), ordering="confirmed_count")
    def capacity_display(self, event):
        capacity = "∞" if event.capacity is None else event.capacity
        return f"{event.confirmed_count} / {capacity}"

    @admin.display(description=_("waitlisted"), ordering="waitlisted_count")
    def waitlisted_display(self, event):
        return event.waitlisted_count

    @admin.display(description=_("cancelled"), ordering="cancelled_count")
    def cancelled_display(self, event):
        return event.cancelled_count

    @admin.display(description=_("attended"), ordering="attended_count")
    def attended_display(self, event):
        return event.attended_count

    @admin.display(description=_("registrations"))
    def registrations_link(self, event):
        return format_html(
            '<a href="{}?event__id__exact={}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:seminars_registration_changelist"),
            event.pk,
            gettext("List"),
            reverse("admin:seminars_event_check_in", args=[event.pk]),
            gettext("Check-in"),
        )

    def get_object_tools(self, request, event):
        """The check-in page is one tap away from the event, not only from the list."""
        if not request.user.has_perm("seminars.change_registration", event):
            return []
        return [(reverse("admin:seminars_event_check_in", args=[event.pk]), gettext("Check-in"))]

    def get_urls(self):
        return [
            path(
                "<path:object_id>/check-in/",
                self.admin_site.admin_view(self.check_in_view),
                name="seminars_event_check_in",
            ),
            *super().get_urls(),
        ]

    def check_in_view(self, request, object_id):
        """Marking attendance at the door, on a phone: one big button per person, a search
        that narrows the list as one types, and a walk-in added on the spot."""
        event = self.get_object(request, object_id)
        if not request.user.has_perm("seminars.change_registration", event):
            raise PermissionDenied
        registrations = event.registrations.confirmed().not_anonymised().order_by("name", "pk")
        walk_in = WalkInForm(request.POST if "walk_in" in request.POST else None)
        if request.method == "POST" and "walk_in" in request.POST:
            registration = self._add_walk_in(request, event, walk_in)
            if registration is not None:
                return HttpResponseRedirect(f"{request.path}#registration-{registration.pk}")
        elif request.method == "POST":
            pk = request.POST.get("registration", "")
            registration = registrations.filter(pk=pk).first() if pk.isdigit() else None
            if registration is not None:
                registration.attended = request.POST.get("attended") == "1"
                registration.save(update_fields=["attended", "updated_at"])
            query = request.POST.get("q", "").strip()
            url = request.path + (f"?{urlencode({'q': query})}" if query else "")
            return HttpResponseRedirect(f"{url}#registration-{registration.pk}" if registration else url)
        query = request.GET.get("q", "").strip()
        everyone = list(registrations)
        # In Python: SQLite's case-insensitive match knows only ASCII ("ääk" finds no "Ääkkönen").
        registrations = [r for r in everyone if query.casefold() in r.name.casefold()]
        log_access_many(registrations)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Check-in: %(event)s") % {"event": event},
            "event": event,
            "when": format_event_time(event.start, event.end),
            "registrations": registrations,
            "confirmed": len(everyone),  # the event's, whatever the search shows
            "attended": sum(r.attended for r in everyone),
            "query": query,
            "walk_in": walk_in,
        }
        return TemplateResponse(request, "seminars/admin/check_in.html", context)

    def _add_walk_in(self, request, event, form):
        """Register someone who came without registering, already present (beyond the
        capacity too: they are in the room); refusals go on the form, in staff's words."""
        if not form.is_valid():
            return None
        data = form.cleaned_data
        already = _("%(name)s is already on the list: find them there and mark them present.") % data
        # Without an email, a second tap is known by the name (in Python: SQLite's iexact knows
        # only ASCII); with one, the workflow refuses it.
        names = event.registrations.active().filter(email="").values_list("name", flat=True)
        if not data["email"] and any(name.casefold() == data["name"].strip().casefold() for name in names):
            form.add_error(None, already)
            return None
        try:
            registration = services.register(
                event=event, **data, language=request.LANGUAGE_CODE, by_coordinator=True, at_the_door=True
            )
        except services.AlreadyRegistered:
            form.add_error(None, already)
            return None
        except services.RegistrationError as refusal:
            form.add_error(None, refusal.message)
            return None
        self.message_user(request, gettext("%(name)s was added and marked present.") % {"name": registration.name})
        return registration


class WalkInForm(forms.Form):
    """Someone at the door who did not register: added present, mailed nothing."""

    name = forms.CharField(
        label=_("Name"),
        max_length=Registration._meta.get_field("name").max_length,
        validators=[validate_printable_text],
    )
    email = forms.EmailField(label=_("Email (optional)"), required=False)
    organisation = forms.CharField(
        label=_("Organisation (optional)"), max_length=200, required=False, validators=[validate_printable_text]
    )
    consent = forms.BooleanField(
        label=_("The person has consented to the privacy notice"),
        help_text=_("Required: registration needs the person's consent."),
    )


class RegistrationAddForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("The person has consented to the privacy notice"),
        help_text=_("Required: registration needs the person's consent."),
    )
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES, initial="fi")

    class Meta:
        model = Registration
        fields = ["event", "name", "email", "organisation", "title", "needs", "language"]

    def clean(self):
        data = super().clean()
        event, email = data.get("event"), (data.get("email") or "").strip().lower()
        if event and event.is_cancelled:
            raise ValidationError(services.EventCancelled.message)
        if event and email and event.registrations.active().filter(email=email).exists():
            self.add_error("email", services.AlreadyRegistered.message)
        return data


class RegistrationChangeForm(forms.ModelForm):
    """The event and status are read-only on the change page, yet they are part of the
    one-active-registration-per-email rule: check the database constraints with them,
    so another registrant's address (in any case) is a form error, not an IntegrityError."""

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "title", "needs", "attended"]

    def validate_constraints(self):
        exclude = self._get_validation_exclusions() - {"event", "status"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            errors.setdefault("email", []).extend(e for e in general if e.code == "email_taken")
            errors[NON_FIELD_ERRORS] = [e for e in general if e.code != "email_taken"]
            self._update_errors(ValidationError({k: v for k, v in errors.items() if v}))


def _status_action(status, description):
    def action(modeladmin, request, queryset):
        changed = 0
        for registration in queryset.select_related("event"):
            try:
                if registration.status != status:
                    services.change_status(registration, status)
                    changed += 1
            except services.RegistrationError as refusal:
                modeladmin.message_user(request, f"#{registration.pk}: {refusal.message}", messages.ERROR)
        if changed:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d registration moved; the person was emailed.",
                    "%(count)d registrations moved; the people were emailed.",
                    changed,
                )
                % {"count": changed},
                messages.SUCCESS,
            )

    action.__name__ = f"make_{status}"
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Registration)
class RegistrationAdmin(PersonalDataExportMixin, ProjectScopedAdminMixin, ExportActionMixin, admin.ModelAdmin):
    resource_classes = [RegistrationResource]
    export_subject_lookup = "event__slug"
    form = RegistrationChangeForm
    list_display = ["name", "email", "organisation", "event", "status", "attended", "created_at", "is_demo"]
    list_editable = ["attended"]
    list_filter = ["event", "status", "attended", "is_demo"]
    list_select_related = ["event"]
    ordering = ["event__start", "event", "created_at", "pk"]  # events in time order, people in registration order
    search_fields = ["name", "email", "organisation"]
    fields = [
        "event",
        "status",
        "name",
        "email",
        "organisation",
        "title",
        "needs",
        "attended",
        "language",
        "consent_at",
        "created_at",
        "reminder_sent_at",
        "anonymised_at",
        "is_demo",
    ]
    readonly_fields = [
        "event",
        "status",
        "language",
        "consent_at",
        "created_at",
        "reminder_sent_at",
        "anonymised_at",
        "is_demo",
    ]
    actions = [
        _status_action(Registration.Status.CONFIRMED, _("Confirm (moves from the waiting list; emails)")),
        _status_action(Registration.Status.WAITLISTED, _("Move to the waiting list (emails)")),
        _status_action(Registration.Status.CANCELLED, _("Cancel (promotes the next waitlisted; emails)")),
        "mark_attended",
        "mark_not_attended",
    ]  # and "Export selected registrations" (ExportActionMixin: columns and format, then the file)

    add_fields = ["event", "name", "email", "organisation", "title", "needs", "language", "consent"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            # A coordinator registers someone (e.g. by phone) through the same workflow as the
            # public form: capacity, waiting list and the confirmation mail all apply.
            kwargs["form"] = RegistrationAddForm
            kwargs["fields"] = self.add_fields
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        data = form.cleaned_data
        try:
            registration = services.register(
                event=data["event"],
                name=data["name"],
                email=data["email"],
                consent=data["consent"],
                organisation=data["organisation"],
                title=data["title"],
                needs=data["needs"],
                language=data["language"],
                by_coordinator=True,
            )
        except services.RegistrationError as refusal:  # a race after the form's own checks
            raise PermissionDenied(str(refusal.message)) from refusal
        obj.pk, obj.status, obj.token = registration.pk, registration.status, registration.token
        obj._state.adding = False
        if registration.status == Registration.Status.WAITLISTED:
            self.message_user(request, gettext("The event is full: the person is on the waiting list."))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        registration = self.get_object(request, object_id)
        accessed.send(sender=Registration, instance=registration)
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Mark as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        for registration in queryset.filter(attended=False, status=Registration.Status.CONFIRMED):
            registration.attended = True
            registration.save(update_fields=["attended", "updated_at"])
        skipped = queryset.exclude(status=Registration.Status.CONFIRMED).count()
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person without a place (waiting list or cancelled) was not marked attended.",
                    "%(count)d people without a place (waiting list or cancelled) were not marked attended.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Mark as not attended"), permissions=["change"])
    def mark_not_attended(self, request, queryset):
        for registration in queryset.filter(attended=True):
            registration.attended = False
            registration.save(update_fields=["attended", "updated_at"])
