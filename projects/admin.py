from decimal import Decimal

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from socoba_portal.admin_accessibility import LabelledTabularInlineMixin
from socoba_portal.admin_translations import MissingTranslationFilter, MissingTranslationsMixin
from socoba_portal.formatting import format_money, format_percent, format_period
from socoba_portal.reports.admin import ReportAdminMixin

from .admin_mixins import ProjectScopedAdminMixin
from .models import (
    Contact,
    FundingShare,
    Membership,
    Organisation,
    Partnership,
    Project,
    Publication,
    PublicationState,
    Spearhead,
)
from .reports import ProjectReport


class FundingShareFormSet(BaseInlineFormSet):
    """The shares of a project must add up to exactly 100 %."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        shares = [
            form.cleaned_data["percentage"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        total = sum(shares, Decimal(0))
        if shares and total != 100:
            raise ValidationError(
                _("The funding shares add up to %(total)s; they must total %(required)s."),
                code="funding_total",
                params={"total": format_percent(total), "required": format_percent(100)},
            )


class FundingShareInline(ProjectScopedAdminMixin, LabelledTabularInlineMixin, admin.TabularInline):
    model = FundingShare
    formset = FundingShareFormSet
    fields = ["source", "percentage", "amount_display", "note"]
    readonly_fields = ["amount_display"]
    extra = 0

    @admin.display(description=_("amount (derived from the budget)"))
    def amount_display(self, share):
        return format_money(share.amount) if share.pk else "–"


class SpearheadInline(ProjectScopedAdminMixin, LabelledTabularInlineMixin, TranslationTabularInline):
    model = Spearhead
    fields = ["order", "name", "description"]
    extra = 0


class PartnershipInline(ProjectScopedAdminMixin, TranslationStackedInline):
    model = Partnership
    fields = [("organisation", "role", "order"), "socoba_role"]
    autocomplete_fields = ["organisation"]
    extra = 0


class ContactInline(ProjectScopedAdminMixin, LabelledTabularInlineMixin, TranslationTabularInline):
    model = Contact
    fields = ["order", "name", "title", "organisation", "email", "phone"]
    autocomplete_fields = ["organisation"]
    extra = 0


class PublicationInline(ProjectScopedAdminMixin, LabelledTabularInlineMixin, admin.TabularInline):
    model = Publication
    fields = ["title", "kind", "year", "state"]
    show_change_link = True
    extra = 0


class MembershipInline(LabelledTabularInlineMixin, admin.TabularInline):
    """Only administrators manage memberships (Django's own model permissions)."""

    model = Membership
    fields = ["user", "role"]
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "project", "role", "created_at"]
    list_filter = ["role", "project"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "project__name"]
    autocomplete_fields = ["user", "project"]


@admin.register(Organisation)
class OrganisationAdmin(ProjectScopedAdminMixin, TranslationAdmin):
    """A registry shared by the projects: the mixin asks about each organisation, so a
    coordinator changes or deletes only those no other project of theirs uses."""

    list_display = ["name", "short_name", "kind", "business_id", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "name_fi", "name_sv", "name_en", "short_name", "business_id"]
    autocomplete_fields = ["parent"]


@admin.register(Project)
class ProjectAdmin(ReportAdminMixin, ProjectScopedAdminMixin, MissingTranslationsMixin, TranslationAdmin):
    report_class = ProjectReport
    report_url_name = "projects:report"
    list_display = [
        "name",
        "region",
        "period_display",
        "status",
        "state",
        "funding_check",
        "missing_translations",
        "view_on_site_link",
    ]
    list_filter = ["state", "status", "programme_period", "fund", "is_demo", MissingTranslationFilter]
    search_fields = ["name", "official_name", "acronym", "region", "project_code"]
    prepopulated_fields = {"slug": ["name_fi"]}
    inlines = [
        FundingShareInline,
        SpearheadInline,
        PartnershipInline,
        ContactInline,
        PublicationInline,
        MembershipInline,
    ]
    fieldsets = [
        (None, {"fields": ["official_name", "name", "acronym", "slug", "region", "state", "status", "is_demo"]}),
        (
            _("Period and budget"),
            {"fields": [("planned_start", "planned_end"), ("actual_start", "actual_end"), "total_budget"]},
        ),
        (_("Content"), {"fields": ["summary", "results", "description", "vision"]}),
        (
            _("Master's programme"),
            {
                "fields": [
                    "intake_target",
                    "programme_start_term",
                    "teaching_location",
                    "programme_description",
                ]
            },
        ),
        (_("SOCOBA ecosystem"), {"fields": ["ecosystem_description"]}),
        (_("Certificates of attendance"), {"fields": ["certificate_signer", "certificate_signer_title"]}),
        (
            _("EU funding"),
            {"fields": ["fund", "programme_period", "project_code", "priority_axis", "specific_objective"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("funding_shares")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and not request.user.is_superuser:
            # Whoever may create a project coordinates it, or they could not edit it.
            Membership.objects.get_or_create(user=request.user, project=obj, role=Membership.Role.COORDINATOR)

    @admin.display(description=_("period"), ordering="planned_start")
    def period_display(self, project):
        return format_period(project.start, project.end)

    @admin.display(description=_("funding shares"))
    def funding_check(self, project):
        total = project.funding_total()
        if not total or total == 100:
            return format_percent(total) if total else "–"
        return format_html('<strong class="errornote">{} ≠ 100 %</strong>', format_percent(total))

    @admin.display(description=_("public page"))
    def view_on_site_link(self, project):
        if project.state == PublicationState.PUBLISHED:
            return format_html('<a href="{}">{}</a>', project.get_absolute_url(), _("View"))
        return "–"


@admin.register(Publication)
class PublicationAdmin(ProjectScopedAdminMixin, MissingTranslationsMixin, TranslationAdmin):
    list_display = ["title", "project", "kind", "year", "language", "state", "missing_translations", "is_demo"]
    list_filter = ["state", "kind", "year", "language", "project", "is_demo", MissingTranslationFilter]
    search_fields = ["title", "authors", "editors", "isbn", "urn"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["thumbnail_preview"]
    fieldsets = [
        (None, {"fields": ["project", "title", "slug", "state", "kind", "language", "year"]}),
        (_("Authors"), {"fields": ["authors", "editors", "series"]}),
        (
            _("Content"),
            {"fields": ["abstract", "file", "cover", "cover_alt", "thumbnail_preview", "is_demo"]},
        ),
        (_("Identifiers"), {"fields": ["isbn", "issn", "urn", "licence"]}),
    ]

    @admin.display(description=_("thumbnail"))
    def thumbnail_preview(self, publication):
        if not publication.thumbnail:
            return "–"
        return format_html('<img src="{}" alt="{}" width="120">', publication.thumbnail.url, publication.cover_alt)
