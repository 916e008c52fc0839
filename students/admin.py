"""The coordinators' and student-data officers' admin.

Personal data is reached only through ``students.view_student`` (student-data
officers and administrators; coordinators run cohorts, study plans and the
topic bank without ever seeing a student). Every view, list and export of a
student writes an access entry to the audit trail (Act 906/2019 §17), every
change a change entry (django-auditlog).
"""

import json
from decimal import Decimal

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, ExpressionWrapper, F
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from projects.admin_mixins import ProjectScopedAdminMixin
from socoba_portal.audit import log_access_many
from socoba_portal.exports.admin import PersonalDataExportMixin
from socoba_portal.reports.admin import ReportAdminMixin

from .models import Cohort, Completion, Course, Student, Thesis, ThesisTopic, plain_credits
from .reports import CohortReport
from .resources import CompletionResource, StudentResource


def log_access(students):
    """One access entry per student shown, listed or exported (Act 906/2019 §17)."""
    log_access_many(students)


class CourseInline(ProjectScopedAdminMixin, TranslationTabularInline):
    model = Course
    fields = ["order", "code", "name", "kind", "credits"]
    extra = 0


@admin.register(Cohort)
class CohortAdmin(ReportAdminMixin, ProjectScopedAdminMixin, TranslationAdmin):
    report_class = CohortReport
    report_url_name = "students:report"
    list_display = ["name", "project", "intake_target", "admitted", "graduated", "study_plan", "view_on_site_link"]
    list_filter = ["project"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_fi"]}
    autocomplete_fields = ["project"]
    inlines = [CourseInline]
    readonly_fields = ["progress_summary", "students_link"]
    fieldsets = [
        (None, {"fields": ["project", "name", "slug", "degree", "credits_required", "intake_target"]}),
        (_("Teaching"), {"fields": ["start_term", "teaching_location"]}),
        (_("Progress (derived)"), {"fields": ["progress_summary", "students_link"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts().prefetch_related("courses")

    def get_object(self, request, object_id, from_field=None):
        cohort = super().get_object(request, object_id, from_field)
        cohort.show_students_link = request.user.has_perm("students.view_student", cohort)
        return cohort

    def get_list_display(self, request):
        @admin.display(description=_("students"))
        def students(cohort):
            if request.user.has_perm("students.view_student", cohort):
                url = reverse("admin:students_student_changelist") + f"?cohort__id__exact={cohort.pk}"
                return format_html('<a href="{}">{}</a>', url, _("Students"))
            return "–"

        return [*super().get_list_display(request), students]

    @admin.display(description=_("admitted"), ordering="admitted")
    def admitted(self, cohort):
        return cohort.admitted

    @admin.display(description=_("graduated"), ordering="graduated")
    def graduated(self, cohort):
        return cohort.graduated

    @admin.display(description=_("study plan (ECTS credits)"))
    def study_plan(self, cohort):
        total = sum(course.credits for course in cohort.courses.all())
        if total != cohort.credits_required:
            return format_html(
                '<strong class="errornote">{} ≠ {}</strong>', plain_credits(total), cohort.credits_required
            )
        return plain_credits(total)

    @admin.display(description=_("progress"))
    def progress_summary(self, cohort):
        if cohort.pk is None:
            return "–"
        return _(
            "%(admitted)s admitted (target %(target)s): %(active)s active, %(on_leave)s on leave, "
            "%(graduated)s graduated, %(withdrawn)s withdrawn."
        ) % {
            "admitted": cohort.admitted,
            "target": cohort.intake_target,
            "active": cohort.active,
            "on_leave": cohort.on_leave,
            "graduated": cohort.graduated,
            "withdrawn": cohort.withdrawn,
        }

    @admin.display(description=_("students"))
    def students_link(self, cohort):
        if cohort.pk is None or not getattr(cohort, "show_students_link", False):
            return "–"
        url = reverse("admin:students_student_changelist") + f"?cohort__id__exact={cohort.pk}"
        return format_html('<a href="{}">{}</a>', url, _("The cohort's students"))

    @admin.display(description=_("public page"))
    def view_on_site_link(self, cohort):
        return format_html('<a href="{}">{}</a>', cohort.get_absolute_url(), _("View"))


class CompletionInline(ProjectScopedAdminMixin, admin.TabularInline):
    model = Completion
    fields = ["course", "completed_on", "grade"]
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        self.parent_student = obj  # inline instances are made per request
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "course":
            student = getattr(self, "parent_student", None)
            kwargs["queryset"] = (
                Course.objects.filter(cohort=student.cohort_id) if student else Course.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ThesisInline(ProjectScopedAdminMixin, admin.StackedInline):
    model = Thesis
    fields = ["title", "supervisor", "status", "topic"]
    extra = 0
    max_num = 1

    def get_formset(self, request, obj=None, **kwargs):
        self.parent_student = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "topic":
            student = getattr(self, "parent_student", None)
            kwargs["queryset"] = (
                ThesisTopic.objects.filter(project__cohorts=student.cohort_id)
                if student
                else ThesisTopic.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProgressFilter(admin.SimpleListFilter):
    title = _("progress")
    parameter_name = "progress"

    def lookups(self, request, model_admin):
        return [
            ("none", _("no credits yet")),
            ("under_half", _("under half of the credits")),
            ("half", _("half or more, not all")),
            ("all", _("all credits done")),
        ]

    def queryset(self, request, queryset):
        required = F("cohort__credits_required")
        half = ExpressionWrapper(
            required * Decimal("0.5"), output_field=DecimalField(max_digits=6, decimal_places=1)
        )
        return {
            "none": lambda: queryset.filter(credits_done=0),
            "under_half": lambda: queryset.filter(credits_done__gt=0, credits_done__lt=half),
            "half": lambda: queryset.filter(credits_done__gte=half, credits_done__lt=required),
            "all": lambda: queryset.filter(credits_done__gte=required),
        }.get(self.value(), lambda: queryset)()


class ScopedImportExportAdmin(PersonalDataExportMixin, ProjectScopedAdminMixin, ImportExportModelAdmin):
    """Imports and exports only within the projects where the user holds the permissions;
    every exported student is logged (``PersonalDataExportMixin``)."""

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_import_data_kwargs(self, **kwargs):
        # Any invalid row rolls the whole import back.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            # Unconfirmed import files are deleted after a while and whenever a student is erased.
            self.message_user(request, _("The uploaded file is no longer kept: upload it again."), messages.ERROR)
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")


@admin.register(Student)
class StudentAdmin(ScopedImportExportAdmin):
    resource_classes = [StudentResource]
    export_subject_lookup = "cohort__slug"
    list_display = [
        "last_name",
        "first_name",
        "student_number",
        "cohort",
        "status",
        "credits_display",
        "is_esf_participant",
        "is_demo",
    ]
    list_display_links = ["last_name", "first_name"]
    list_filter = ["status", ProgressFilter, "cohort", "is_demo"]
    list_select_related = ["cohort"]
    search_fields = ["first_name", "last_name", "student_number", "email"]
    inlines = [CompletionInline, ThesisInline]
    readonly_fields = ["credits_display", "left_with_qualification_display", "anonymised_at", "data_export_link"]
    actions = ["anonymise"]
    fieldsets = [
        (
            None,
            {"fields": ["cohort", ("first_name", "last_name"), "email", "student_number", ("gender", "age_band")]},
        ),
        (_("At admission"), {"fields": ["admitted_on", "employer", "job_title"]}),
        (
            _("Study status"),
            {"fields": ["status", "leave_started_on", "graduated_on", "withdrew_on", "credits_display"]},
        ),
        (
            _("ESF participation"),
            {
                "description": _(
                    "The official participant register is the national EURA system; the portal keeps only "
                    "what the project's indicators need."
                ),
                "fields": [
                    "is_esf_participant",
                    ("esf_start_info_collected_on", "esf_end_info_collected_on"),
                    ("esf_participation_start", "esf_participation_end"),
                    "left_with_qualification_display",
                ],
            },
        ),
        (_("Record"), {"fields": ["is_demo", "anonymised_at", "data_export_link"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_credits()

    # Access logging (Act 906/2019 §17) -------------------------------------------

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl") if hasattr(response, "context_data") else None
        if changelist is not None:
            log_access(changelist.result_list)
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            log_access([obj])
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Derived values -----------------------------------------------------------------

    @admin.display(description=_("credits done"), ordering="credits_done")
    def credits_display(self, student):
        if student.pk is None:
            return "–"
        done = student.get_credits_done()
        return f"{plain_credits(done)} / {student.cohort.credits_required}"

    @admin.display(description=_("left with a qualification (ESF result indicator)"), boolean=True)
    def left_with_qualification_display(self, student):
        return student.left_with_qualification

    # Data-subject requests ------------------------------------------------------------

    @admin.display(description=_("access request"))
    def data_export_link(self, student):
        if student.pk is None:
            return "–"
        url = reverse("admin:students_student_export_json", args=[student.pk])
        return format_html('<a href="{}">{}</a>', url, _("Export the student's data (JSON)"))

    def get_urls(self):
        return [
            path(
                "<path:object_id>/export-json/",
                self.admin_site.admin_view(self.export_json_view),
                name="students_student_export_json",
            ),
            *super().get_urls(),
        ]

    def export_json_view(self, request, object_id):
        """Everything about one student as JSON, for an access request (GDPR art. 15)."""
        student = self.get_object(request, unquote(object_id))
        if not self.has_view_permission(request, student):
            raise PermissionDenied
        log_access([student])
        body = json.dumps(student.export_data(), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="student-{student.pk}.json"'
        return response

    @admin.action(description=_("Anonymise the selected students…"), permissions=["change"])
    def anonymise(self, request, queryset):
        students = [student for student in queryset if self.has_change_permission(request, student)]
        if request.POST.get("confirm") == "yes":
            Student.objects.filter(pk__in=[student.pk for student in students]).anonymise()
            self.message_user(
                request,
                ngettext("%(count)d student was anonymised.", "%(count)d students were anonymised.", len(students))
                % {"count": len(students)},
                messages.SUCCESS,
            )
            return None
        log_access(students)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Anonymise students"),
            "opts": self.opts,
            "students": students,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "students/admin/anonymise_confirmation.html", context)


@admin.register(Completion)
class CompletionAdmin(ScopedImportExportAdmin):
    resource_classes = [CompletionResource]
    export_subject_lookup = "course__cohort__slug"
    list_display = ["student_number", "course", "completed_on", "grade"]
    list_filter = ["course__cohort", "grade"]
    list_select_related = ["student", "course"]
    search_fields = ["student__student_number", "course__code"]
    raw_id_fields = ["student"]
    date_hierarchy = "completed_on"

    @admin.display(description=_("student number"), ordering="student__student_number")
    def student_number(self, completion):
        return completion.student.student_number

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl") if hasattr(response, "context_data") else None
        if changelist is not None:
            log_access(
                {completion.student_id: completion.student for completion in changelist.result_list}.values()
            )
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            log_access([obj.student])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def log_export(self, queryset):
        log_access(Student.objects.filter(pk__in=queryset.values("student")))


@admin.register(ThesisTopic)
class ThesisTopicAdmin(ProjectScopedAdminMixin, TranslationAdmin):
    list_display = ["title", "project", "spearhead", "proposing_organisation", "status"]
    list_filter = ["status", "project"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["project", "proposing_organisation"]
    list_select_related = ["project", "spearhead", "proposing_organisation"]
    fields = ["project", "title", "description", "proposing_organisation", "spearhead", "status"]
