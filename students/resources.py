"""CSV / Excel import and export of students and course completions
(django-import-export). Rows may only reach cohorts of the projects in which the
importing user holds the permission; every row is validated with the models'
own ``clean()``, and the admin saves nothing while any row is bad."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from projects.permissions import scope_queryset
from socoba_portal.exports.resources import PortalResource

from .models import Cohort, Completion, Course, Student


class DateWidget(widgets.DateWidget):
    """ISO dates (2018-09-01) and Finnish ones (1.9.2018)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.formats = ("%Y-%m-%d", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a date (write 1.9.2018 or 2018-09-01).") % {"value": value}
            ) from None


# The one refusal for a row the user may not write, whatever exists elsewhere.
NOT_IMPORTABLE = gettext_lazy("This row cannot be imported into your projects.")


def hide_uniqueness_clashes(error):
    """``error`` with every "already exists" replaced by the neutral refusal.

    The user's own rows are matched by the import id and updated, so a uniqueness
    clash can only be with a row of another project: saying "a student with this
    student number already exists" would tell that person's number exists there.
    """
    return ValidationError(
        {
            field: [
                ValidationError(NOT_IMPORTABLE, code="not_importable")
                if message.code in ("unique", "unique_together")
                else message
                for message in messages
            ]
            for field, messages in error.error_dict.items()
        }
    )


class ScopedResource(PortalResource):
    """A resource that only reads and writes rows the user may change."""

    data_protection_note = gettext_lazy(
        "This file contains students' personal data. Use it only for the project's study "
        "administration, do not pass it on, and delete it when the task is done; the portal logs "
        "every export (Act 906/2019 §17, EU General Data Protection Regulation)."
    )

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.get_internal_type() == "DateField":
            return DateWidget
        return super().widget_from_django_field(f, default)

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def _perm(self, action):
        opts = self._meta.model._meta
        return f"{opts.app_label}.{action}_{opts.model_name}"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.user is None:
            return queryset.none()
        return scope_queryset(queryset, self.user, self._perm("change"))

    def _out_of_scope_error(self, instance):
        """The row's error when the user may not write it, else None."""
        action = "add" if instance.pk is None else "change"
        if self.user is None or not self.user.has_perm(self._perm(action), instance):
            return NOT_IMPORTABLE
        return None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise hide_uniqueness_clashes(error) from None


class CohortWidget(widgets.ForeignKeyWidget):
    """A cohort by its web address, among the cohorts the importing user may add
    students to: another project's cohort is as unknown as a missing one."""

    def __init__(self, resource):
        super().__init__(Cohort, field="slug")
        self.resource = resource

    def get_queryset(self, value, row, *args, **kwargs):
        user = self.resource.user
        if user is None:
            return Cohort.objects.none()
        return scope_queryset(Cohort.objects.all(), user, "students.add_student")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Cohort.DoesNotExist:
            raise ValueError(_("No cohort with the web address “%(slug)s”.") % {"slug": value}) from None


class StudentResource(ScopedResource):
    cohort = fields.Field(attribute="cohort", column_name="cohort")

    class Meta:
        model = Student
        import_id_fields = ["student_number"]
        fields = [
            "student_number",
            "cohort",
            "first_name",
            "last_name",
            "email",
            "employer",
            "job_title",
            "gender",
            "age_band",
            "admitted_on",
            "status",
            "leave_started_on",
            "graduated_on",
            "withdrew_on",
            "is_esf_participant",
            "esf_start_info_collected_on",
            "esf_end_info_collected_on",
            "esf_participation_start",
            "esf_participation_end",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.fields["cohort"].widget = CohortWidget(self)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if "cohort" not in errors and instance.cohort_id:
            message = self._out_of_scope_error(instance)
            if message:
                errors["cohort"] = [message]
        super().validate_instance(instance, errors, validate_unique)


class StudentNumberWidget(widgets.ForeignKeyWidget):
    """A student by number, among the students the importing user may reach."""

    def __init__(self, resource):
        super().__init__(Student, field="student_number")
        self.resource = resource

    def get_queryset(self, value, row, *args, **kwargs):
        user = self.resource.user
        if user is None:
            return Student.objects.none()
        return scope_queryset(Student.objects.all(), user, "students.change_student")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Student.DoesNotExist:
            raise ValueError(_("No student with the number “%(number)s”.") % {"number": value}) from None


class CompletionResource(ScopedResource):
    """Completions by student number and course code (the code within the student's cohort)."""

    student = fields.Field(attribute="student", column_name="student_number")
    course = fields.Field(attribute="course", column_name="course_code")

    class Meta:
        model = Completion
        import_id_fields = ["student", "course"]
        fields = ["student", "course", "completed_on", "grade"]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.fields["student"].widget = StudentNumberWidget(self)
        self.fields["course"].widget = widgets.CharWidget()

    def before_import_row(self, row, **kwargs):
        # The course code means a course of the student's own cohort's study plan.
        number, code = row.get("student_number"), row.get("course_code")
        student = self.fields["student"].widget.get_queryset(number, row).filter(student_number=number).first()
        course = Course.objects.filter(cohort__students=student, code=code).first() if student else None
        row["_course"] = course
        if student is not None and course is None:
            raise ValidationError(
                {"course": _("No course “%(code)s” in the cohort's study plan.") % {"code": code}}
            )

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "course":
            instance.course = row.get("_course")
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def get_instance(self, instance_loader, row):
        student = (
            self.fields["student"].widget.get_queryset(None, row).filter(student_number=row.get("student_number"))
        )
        return Completion.objects.filter(student__in=student, course=row.get("_course")).first()

    def dehydrate_student(self, completion):
        return completion.student.student_number

    def dehydrate_course(self, completion):
        return completion.course.code

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if "student" not in errors and instance.student_id:
            message = self._out_of_scope_error(instance)
            if message:
                errors["student"] = [message]
        if instance.course_id is None and "course" not in errors:
            errors["course"] = [_("Give a course code of the study plan.")]
        super().validate_instance(instance, errors, validate_unique)
