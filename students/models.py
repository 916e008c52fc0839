"""The master's cohorts: study plans, students, their progress and theses, and
the thesis topic bank.

Students are personal data (GDPR, Act 906/2019 §17): only the project's
student-data officers and administrators see them, every view, list, export
and change is logged, and public pages show aggregates only (``aggregates``).
Counts and credits are always derived from the rows, never typed in twice.
"""

import datetime
from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects.models import Organisation, Project, PublicationState, Spearhead
from socoba_portal.erasure import discard_pending_imports, erase_copies
from socoba_portal.validators import validate_sensible_date

ANONYMISED_NAME = "–"


def plain_credits(value):
    """``Decimal("110.0")`` → ``"110"``, ``Decimal("7.50")`` → ``"7.5"`` (same on every database)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return str(value.normalize())


class CohortQuerySet(models.QuerySet):
    def public(self):
        """Cohorts of published projects."""
        return self.filter(project__state=PublicationState.PUBLISHED).select_related("project")

    def with_counts(self):
        """Admitted and per-status counts, one query for any number of students."""
        status = Student.Status
        return self.annotate(
            admitted=models.Count("students"),
            active=models.Count("students", filter=Q(students__status=status.ACTIVE)),
            on_leave=models.Count("students", filter=Q(students__status=status.ON_LEAVE)),
            graduated=models.Count("students", filter=Q(students__status=status.GRADUATED)),
            withdrawn=models.Count("students", filter=Q(students__status=status.WITHDRAWN)),
            left_with_qualification=models.Count(
                "students", filter=Student.left_with_qualification_q("students__")
            ),
        )


class Cohort(models.Model):
    """A project's master's cohort and its study plan (``courses``)."""

    project_lookup = "project"  # see projects.permissions
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="cohorts"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True, help_text=_("The cohort's web address."))
    degree = models.CharField(_("degree"), max_length=200, default="Yhteiskuntatieteiden maisteri")
    credits_required = models.PositiveSmallIntegerField(
        _("credits required (ECTS)"), default=120, validators=[MinValueValidator(1)]
    )
    intake_target = models.PositiveSmallIntegerField(_("intake target"), validators=[MinValueValidator(1)])
    start_term = models.CharField(_("start term"), max_length=60, blank=True)
    teaching_location = models.CharField(_("contact teaching location"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["project", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(credits_required__gt=0), name="cohort_credits_required_positive"),
            models.CheckConstraint(condition=Q(intake_target__gt=0), name="cohort_intake_target_positive"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("students:cohort", kwargs={"slug": self.slug})

    def study_plan_credits(self):
        """The study plan's total credits (derived from its courses)."""
        return self.courses.aggregate(total=Coalesce(Sum("credits"), Decimal(0)))["total"]


class Course(models.Model):
    """A row of the study plan: a course, a study module or the pro gradu thesis."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        MODULE = "module", _("Study module")
        THESIS = "thesis", _("Master's thesis (pro gradu)")

    project_lookup = "cohort__project"  # see projects.permissions
    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="courses")
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.COURSE)
    credits = models.DecimalField(
        _("credits (ECTS)"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["cohort", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "code"], name="course_unique_code_in_cohort"),
            models.CheckConstraint(condition=Q(credits__gt=0), name="course_credits_positive"),
        ]

    def __str__(self):
        return f"{self.code} {self.name} ({plain_credits(self.credits)} op)"


class StudentQuerySet(models.QuerySet):
    def with_credits(self):
        """``credits_done``: the sum of the completed courses' credits."""
        return self.annotate(credits_done=Coalesce(Sum("completions__course__credits"), Decimal(0)))

    def left_with_qualification(self):
        return self.filter(Student.left_with_qualification_q())

    def retention_ended(self, today=None):
        """Not yet anonymised, graduated or withdrawn more than ``STUDENT_RETENTION_DAYS`` ago."""
        cutoff = (today or timezone.localdate()) - datetime.timedelta(days=settings.STUDENT_RETENTION_DAYS)
        status = Student.Status
        return self.filter(anonymised_at__isnull=True).filter(
            Q(status=status.GRADUATED, graduated_on__lt=cutoff)
            | Q(status=status.WITHDRAWN, withdrew_on__lt=cutoff)
        )

    def anonymise(self):
        """Anonymise these students and erase every copy the portal holds of them: the
        audit trail's and the admin history's entries, their cohorts' background report
        files and import files awaiting confirmation. Status, dates, completions and
        credits stay, so the cohorts' aggregates stay right. The one path of the admin
        action and ``manage.py anonymise_students``; running it again changes nothing
        but re-scrubs the history. Returns the number of students."""
        with transaction.atomic():
            students = list(self.select_for_update(of=("self",)).order_by("pk"))
            theses = list(Thesis.objects.filter(student__in=students))
            now = timezone.now()
            for student in students:
                student.first_name = ANONYMISED_NAME
                student.last_name = ANONYMISED_NAME
                student.email = ""
                student.student_number = f"anonymised-{student.pk}"
                student.employer = ""
                student.job_title = ""
                student.anonymised_at = student.anonymised_at or now
                student.save()
            for thesis in theses:
                thesis.title = ANONYMISED_NAME
                thesis.supervisor = ""
                thesis.save()
            completions = list(Completion.objects.filter(student__in=students))
            cohorts = list(Cohort.objects.filter(students__in=students).distinct())
            erase_copies([*students, *theses, *completions], covering=cohorts)
        # Any import file awaiting confirmation may name them: the uploader uploads it again.
        discard_pending_imports()
        return len(students)


class Student(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ON_LEAVE = "on_leave", _("On leave")
        GRADUATED = "graduated", _("Graduated")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        UNKNOWN = "", _("Not given")

    class AgeBand(models.TextChoices):
        UNDER_30 = "under_30", _("under 30")
        FROM_30 = "30_39", _("30–39")
        FROM_40 = "40_49", _("40–49")
        FROM_50 = "50_plus", _("50 or over")
        UNKNOWN = "", _("Not given")

    project_lookup = "cohort__project"  # see projects.permissions
    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="students")
    # Personal data: replaced by placeholders when the student is anonymised.
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    student_number = models.CharField(_("student number"), max_length=30, unique=True)
    employer = models.CharField(_("employer at admission"), max_length=200, blank=True)
    job_title = models.CharField(_("job title at admission"), max_length=200, blank=True)
    # Only what the ESF indicators and the public breakdowns need: no birth dates.
    gender = models.CharField(_("gender"), max_length=10, choices=Gender, blank=True, default=Gender.UNKNOWN)
    age_band = models.CharField(
        _("age band at admission"), max_length=10, choices=AgeBand, blank=True, default=AgeBand.UNKNOWN
    )
    # Study status and its dates.
    admitted_on = models.DateField(_("admission date"), validators=[validate_sensible_date])
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIVE)
    leave_started_on = models.DateField(
        _("leave started"), validators=[validate_sensible_date], null=True, blank=True
    )
    graduated_on = models.DateField(
        _("graduation date"), validators=[validate_sensible_date], null=True, blank=True
    )
    withdrew_on = models.DateField(
        _("withdrawal date"), validators=[validate_sensible_date], null=True, blank=True
    )
    # ESF participation, as the funder counts it (the register itself is EURA).
    is_esf_participant = models.BooleanField(_("ESF participant"), default=True)
    esf_start_info_collected_on = models.DateField(
        _("start information collected"), validators=[validate_sensible_date], null=True, blank=True
    )
    esf_end_info_collected_on = models.DateField(
        _("end information collected"), validators=[validate_sensible_date], null=True, blank=True
    )
    esf_participation_start = models.DateField(
        _("participation start"), validators=[validate_sensible_date], null=True, blank=True
    )
    esf_participation_end = models.DateField(
        _("participation end"), validators=[validate_sensible_date], null=True, blank=True
    )
    is_demo = models.BooleanField(_("demo person"), default=False, help_text=_("A fictional demo student."))
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StudentQuerySet.as_manager()

    class Meta:
        verbose_name = _("student")
        verbose_name_plural = _("students")
        ordering = ["cohort", "last_name", "first_name"]
        indexes = [
            # A cohort's counts per status (the public aggregates), the admin's order and filter.
            models.Index(fields=["cohort", "status"], name="student_cohort_status_idx"),
            models.Index(fields=["cohort", "last_name", "first_name"], name="student_cohort_name_idx"),
            models.Index(fields=["status"], name="student_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="graduated") | Q(graduated_on__isnull=False),
                name="student_graduated_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | Q(withdrew_on__isnull=False),
                name="student_withdrawn_has_date",
            ),
            models.CheckConstraint(
                condition=Q(graduated_on__isnull=True) | Q(graduated_on__gte=F("admitted_on")),
                name="student_graduates_after_admission",
            ),
            models.CheckConstraint(
                condition=Q(esf_participation_start__isnull=True)
                | Q(esf_participation_end__isnull=True)
                | Q(esf_participation_start__lte=F("esf_participation_end")),
                name="student_esf_participation_ordered",
            ),
        ]

    def __str__(self):
        # Pseudonymous on purpose: the audit trail stores this text for good.
        return _("Student %(id)s") % {"id": self.pk or "–"}

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_anonymised(self):
        return self.anonymised_at is not None

    @staticmethod
    def left_with_qualification_q(prefix=""):
        """The ESF result indicator: a participant who had graduated when their participation ended."""
        return Q(
            **{
                f"{prefix}is_esf_participant": True,
                f"{prefix}graduated_on__isnull": False,
                f"{prefix}esf_participation_end__isnull": False,
                f"{prefix}graduated_on__lte": F(f"{prefix}esf_participation_end"),
            }
        )

    @property
    def left_with_qualification(self):
        return bool(
            self.is_esf_participant
            and self.graduated_on
            and self.esf_participation_end
            and self.graduated_on <= self.esf_participation_end
        )

    def compute_credits_done(self):
        """The credits of this student's completions (use ``with_credits()`` for lists)."""
        if self.pk is None:
            return Decimal(0)
        return self.completions.aggregate(total=Coalesce(Sum("course__credits"), Decimal(0)))["total"]

    def get_credits_done(self):
        annotated = getattr(self, "credits_done", None)
        return annotated if annotated is not None else self.compute_credits_done()

    def clean(self):
        errors = {}
        if self.status == self.Status.GRADUATED:
            if not self.graduated_on:
                errors["graduated_on"] = _("A graduated student needs a graduation date.")
            required = self.cohort.credits_required if self.cohort_id else 0
            done = self.compute_credits_done()
            if done < required:
                errors["status"] = _(
                    "The student cannot be marked graduated: %(done)s of the %(required)s credits required "
                    "are done."
                ) % {"done": plain_credits(done), "required": required}
        if self.status == self.Status.WITHDRAWN and not self.withdrew_on:
            errors["withdrew_on"] = _("A withdrawn student needs a withdrawal date.")
        if self.status == self.Status.ON_LEAVE and not self.leave_started_on:
            errors["leave_started_on"] = _("Give the date the leave started.")
        if self.admitted_on and self.graduated_on and self.graduated_on < self.admitted_on:
            errors["graduated_on"] = _("The graduation date cannot be before the admission date.")
        if (
            self.esf_participation_start
            and self.esf_participation_end
            and self.esf_participation_start > self.esf_participation_end
        ):
            errors["esf_participation_end"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)

    def anonymise(self):
        """Anonymise this student (see ``StudentQuerySet.anonymise``)."""
        Student.objects.filter(pk=self.pk).anonymise()
        self.refresh_from_db()

    def export_data(self):
        """Everything the portal holds about the student, for an access request (JSON-ready)."""

        def iso(value):
            return value.isoformat() if value else None

        thesis = Thesis.objects.filter(student=self).select_related("topic").first()
        completions = self.completions.select_related("course").order_by("completed_on", "course__code")
        return {
            "student": {
                "first_name": self.first_name,
                "last_name": self.last_name,
                "email": self.email,
                "student_number": self.student_number,
                "employer_at_admission": self.employer,
                "job_title_at_admission": self.job_title,
                "gender": self.gender,
                "age_band_at_admission": self.age_band,
            },
            "studies": {
                "project": self.cohort.project.name,
                "cohort": self.cohort.name,
                "degree": self.cohort.degree,
                "credits_required": self.cohort.credits_required,
                "credits_done": plain_credits(self.compute_credits_done()),
                "admitted_on": iso(self.admitted_on),
                "status": self.status,
                "leave_started_on": iso(self.leave_started_on),
                "graduated_on": iso(self.graduated_on),
                "withdrew_on": iso(self.withdrew_on),
            },
            "completions": [
                {
                    "course_code": completion.course.code,
                    "course": completion.course.name,
                    "credits": plain_credits(completion.course.credits),
                    "completed_on": iso(completion.completed_on),
                    "grade": completion.grade,
                }
                for completion in completions
            ],
            "thesis": None
            if thesis is None
            else {
                "title": thesis.title,
                "supervisor": thesis.supervisor,
                "status": thesis.status,
                "topic": thesis.topic.title if thesis.topic else None,
            },
            "esf_participation": {
                "is_participant": self.is_esf_participant,
                "start_information_collected_on": iso(self.esf_start_info_collected_on),
                "end_information_collected_on": iso(self.esf_end_info_collected_on),
                "participation_start": iso(self.esf_participation_start),
                "participation_end": iso(self.esf_participation_end),
                "left_with_qualification": self.left_with_qualification,
            },
            "record": {
                "created_at": iso(self.created_at),
                "updated_at": iso(self.updated_at),
                "anonymised_at": iso(self.anonymised_at),
                "legal_basis": "GDPR art. 6(1)(e): the university's public task",
            },
        }


class Completion(models.Model):
    """A course a student has completed; the student's credits are derived from these."""

    class Grade(models.TextChoices):
        PASS = "pass", _("Pass")
        G1 = "1", "1"
        G2 = "2", "2"
        G3 = "3", "3"
        G4 = "4", "4"
        G5 = "5", "5"

    project_lookup = "student__cohort__project"  # see projects.permissions
    student = models.ForeignKey(
        Student, verbose_name=_("student"), on_delete=models.CASCADE, related_name="completions"
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="completions"
    )
    completed_on = models.DateField(_("completion date"), validators=[validate_sensible_date])
    grade = models.CharField(_("grade"), max_length=5, choices=Grade)

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["student", "completed_on", "course__order"]
        indexes = [models.Index(fields=["completed_on"], name="completion_completed_on_idx")]  # the admin's dates
        constraints = [
            models.UniqueConstraint(fields=["student", "course"], name="completion_unique_course_per_student"),
        ]

    def __str__(self):
        return f"{self.course.code} {self.completed_on:%d.%m.%Y}" if self.course_id else "–"

    def clean(self):
        if self.student_id and self.course_id and self.course.cohort_id != self.student.cohort_id:
            raise ValidationError({"course": _("The course is not in the study plan of the student's cohort.")})


class ThesisTopicQuerySet(models.QuerySet):
    def public(self):
        """Approved topics of published projects, open, taken or done: no student is ever linked here."""
        return (
            self.filter(status__in=ThesisTopic.PUBLIC_STATUSES, project__state=PublicationState.PUBLISHED)
            .select_related("project", "spearhead", "proposing_organisation")
            .order_by("project__name", "project", "spearhead__order", "title", "pk")
        )

    def public_in_project(self):
        """``public()`` through a project's own manager (``project.thesis_topics``): each
        topic gets that project object rather than a copy of its many columns joined in."""
        return self.public().select_related(None).select_related("spearhead", "proposing_organisation")


class ThesisTopic(models.Model):
    """A thesis topic proposed from the region's social-work practice (the topic bank)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        TAKEN = "taken", _("Taken")
        COMPLETED = "completed", _("Completed")

    # Shown on the public pages, with what a reader looking for a topic needs to know.
    PUBLIC_STATUSES = {
        Status.APPROVED: pgettext_lazy("thesis topic", "Open"),
        Status.TAKEN: pgettext_lazy("thesis topic", "Taken"),
        Status.COMPLETED: pgettext_lazy("thesis topic", "Done"),
    }

    project_lookup = "project"  # see projects.permissions
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="thesis_topics"
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    proposing_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("proposing organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="thesis_topics",
    )
    spearhead = models.ForeignKey(
        Spearhead,
        verbose_name=_("development spearhead"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="thesis_topics",
        help_text=_("The project's development spearhead the topic serves."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ThesisTopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("thesis topic")
        verbose_name_plural = _("thesis topics")
        ordering = ["project", "title"]
        indexes = [models.Index(fields=["status"], name="thesistopic_status_idx")]  # public(), the admin's filter

    def __str__(self):
        return self.title

    @property
    def public_status(self):
        return self.PUBLIC_STATUSES.get(self.status, "")

    def clean(self):
        if self.spearhead_id and self.project_id and self.spearhead.project_id != self.project_id:
            raise ValidationError({"spearhead": _("Choose a spearhead of the same project.")})


class Thesis(models.Model):
    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")

    project_lookup = "student__cohort__project"  # see projects.permissions
    student = models.OneToOneField(
        Student, verbose_name=_("student"), on_delete=models.CASCADE, related_name="thesis"
    )
    title = models.CharField(_("title"), max_length=300)
    supervisor = models.CharField(_("supervisor"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PLANNING)
    topic = models.ForeignKey(
        ThesisTopic,
        verbose_name=_("topic from the topic bank"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="theses",
    )

    class Meta:
        verbose_name = _("thesis")
        verbose_name_plural = _("theses")
        ordering = ["student"]

    def __str__(self):
        # Not the title: the audit trail and the admin's history store this text.
        return _("Thesis %(id)s") % {"id": self.pk or "–"}

    def clean(self):
        if self.topic_id and self.student_id and self.topic.project_id != self.student.cohort.project_id:
            raise ValidationError({"topic": _("Choose a topic of the student's own project.")})


# Every change is written to the audit trail (django-auditlog). The personal fields'
# values are fully masked there, and the models' ``__str__`` are pseudonymous, so the
# trail holds no personal value; ``socoba_portal.erasure`` scrubs older entries.
PERSONAL_FIELDS = ["first_name", "last_name", "email", "student_number", "employer", "job_title"]
MASK_CALLABLE = "socoba_portal.erasure.redact"

auditlog.register(Student, mask_fields=PERSONAL_FIELDS, mask_callable=MASK_CALLABLE)
auditlog.register(Thesis, mask_fields=["title", "supervisor"], mask_callable=MASK_CALLABLE)
for _model in (Cohort, Course, Completion, ThesisTopic):
    auditlog.register(_model)
