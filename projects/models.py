"""The regional projects: organisations, projects, funding, partners,
contacts and publications.

A new region's project is new data, not code: everything a project page shows
is modelled here.
"""

from dataclasses import dataclass
from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from socoba_portal import uploads
from socoba_portal.uploads import CheckedFileField, RandomName
from socoba_portal.validators import validate_sensible_date

from .images import make_thumbnail
from .roles import roles_granting
from .validators import validate_business_id


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=PublicationState.PUBLISHED)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        DEPARTMENT = "department", _("Department or unit")
        JOINT_AUTHORITY = "joint_authority", _("Joint municipal authority")
        SUMMER_UNIVERSITY = "summer_university", _("Summer university")
        ELY_CENTRE = "ely_centre", _("ELY centre")
        MUNICIPALITY = "municipality", _("Municipality")
        OTHER = "other", _("Other organisation")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        help_text=_("For a department or unit: the university it belongs to."),
    )
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Finnish business ID (Y-tunnus), e.g. 0245894-7."),
    )
    website = models.URLField(_("website"), blank=True)

    # A shared registry, not one project's: see projects.permissions. Changing or deleting an
    # organisation needs the permission in every project that uses it through these paths.
    project_sharing_lookups = ("partnerships__project", "contact__project")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~Q(business_id=""),
                name="organisation_unique_business_id",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class ProjectQuerySet(PublishableQuerySet):
    def visible_to(self, user, perm="projects.view_project"):
        """The projects in which ``user`` holds ``perm`` through a membership."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        memberships = Membership.objects.filter(user=user, role__in=roles_granting(perm))
        return self.filter(pk__in=memberships.values("project"))

    def with_public_relations(self):
        """Everything the public project page shows, in a fixed number of queries."""
        return self._with_relations(models.Prefetch("publications", queryset=Publication.objects.published()))

    def with_report_relations(self):
        """The same as the public page (one source for both), with every publication, for staff reports."""
        return self._with_relations("publications")

    def _with_relations(self, publications):
        return self.prefetch_related(
            "spearheads",
            "funding_shares",
            models.Prefetch("partnerships", queryset=Partnership.objects.select_related("organisation__parent")),
            models.Prefetch("contacts", queryset=Contact.objects.select_related("organisation")),
            publications,
        )


class Project(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")

    class Fund(models.TextChoices):
        ESF = "esf", _("European Social Fund (ESF)")
        ESF_PLUS = "esf_plus", _("European Social Fund Plus (ESF+)")
        ERDF = "erdf", _("European Regional Development Fund (ERDF)")
        NONE = "none", _("No EU funding")

        @property
        def emblem_statement(self):
            """The 2014–2020 emblem names the fund (Reg. (EU) 821/2014 art. 4)."""
            return {
                self.ESF: _("European Union – European Social Fund"),
                self.ESF_PLUS: _("European Union – European Social Fund Plus"),
                self.ERDF: _("European Union – European Regional Development Fund"),
            }.get(self, "")

    class ProgrammePeriod(models.TextChoices):
        P2014_2020 = "2014-2020", _("2014–2020")
        P2021_2027 = "2021-2027", _("2021–2027")

        @property
        def funds(self):
            """ESF became ESF+ in 2021–2027; a project may also have no EU funding."""
            Fund = Project.Fund
            if self == self.P2014_2020:
                return {Fund.ESF, Fund.ERDF, Fund.NONE}
            return {Fund.ESF_PLUS, Fund.ERDF, Fund.NONE}

    official_name = models.CharField(_("official name"), max_length=250)
    name = models.CharField(_("public name"), max_length=150)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), unique=True, help_text=_("The project's web address."))
    region = models.CharField(_("region"), max_length=100)
    state = models.CharField(
        _("publication state"), max_length=10, choices=PublicationState, default=PublicationState.DRAFT
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PLANNED)
    planned_start = models.DateField(_("planned start"), validators=[validate_sensible_date])
    planned_end = models.DateField(_("planned end"), validators=[validate_sensible_date])
    actual_start = models.DateField(_("actual start"), validators=[validate_sensible_date], null=True, blank=True)
    actual_end = models.DateField(
        _("actual end"),
        validators=[validate_sensible_date],
        null=True,
        blank=True,
        help_text=_("Fill in when the project was extended."),
    )
    total_budget = models.DecimalField(
        _("total budget (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    summary = models.TextField(_("aims in brief"), help_text=_("A short description of the project's aims."))
    results = models.TextField(_("results"), blank=True)
    description = models.TextField(_("description"), blank=True)
    vision = models.CharField(_("vision"), max_length=200, blank=True)
    # The master's programme half of the project.
    intake_target = models.PositiveSmallIntegerField(_("students admitted (target)"), null=True, blank=True)
    programme_start_term = models.CharField(_("programme start term"), max_length=60, blank=True)
    teaching_location = models.CharField(_("contact teaching location"), max_length=100, blank=True)
    programme_description = models.TextField(_("master's programme description"), blank=True)
    ecosystem_description = models.TextField(_("SOCOBA ecosystem description"), blank=True)
    # Certificates of attendance at the project's events.
    certificate_signer = models.CharField(
        _("certificates signed by"),
        max_length=150,
        blank=True,
        help_text=_(
            "The name under the signature line of the certificates of attendance, e.g. the project manager's; "
            "without it, the line carries the project's name."
        ),
    )
    certificate_signer_title = models.CharField(
        _("signer's title"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Project manager, University of Eastern Finland”."),
    )
    # EU funding.
    fund = models.CharField(_("EU fund"), max_length=10, choices=Fund, default=Fund.ESF)
    programme_period = models.CharField(
        _("programme period"), max_length=10, choices=ProgrammePeriod, default=ProgrammePeriod.P2014_2020
    )
    project_code = models.CharField(_("national project code"), max_length=20, blank=True)
    priority_axis = models.CharField(_("priority axis"), max_length=20, blank=True)
    specific_objective = models.CharField(_("specific objective"), max_length=20, blank=True)
    is_demo = models.BooleanField(
        _("demo content"), default=False, help_text=_("A fictional project invented for the demo.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [("export_project_report", _("Can export the project's reports"))]
        ordering = ["-planned_start", "name"]
        indexes = [
            # published() and the public lists' order; the admin's filters.
            models.Index(fields=["state", "-planned_start"], name="project_state_start_idx"),
            models.Index(fields=["status"], name="project_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_start__lte=F("planned_end")), name="project_planned_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(actual_start__isnull=True)
                | Q(actual_end__isnull=True)
                | Q(actual_start__lte=F("actual_end")),
                name="project_actual_period_ordered",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.planned_start and self.planned_end and self.planned_start > self.planned_end:
            errors["planned_end"] = _("The end date cannot be before the start date.")
        if self.actual_start and self.actual_end and self.actual_start > self.actual_end:
            errors["actual_end"] = _("The end date cannot be before the start date.")
        if self.fund not in self.ProgrammePeriod(self.programme_period).funds:
            errors["fund"] = _("This fund does not exist in the programme period %(period)s.") % {
                "period": self.ProgrammePeriod(self.programme_period).label
            }
        if errors:
            raise ValidationError(errors)

    @property
    def start(self):
        return self.actual_start or self.planned_start

    @property
    def end(self):
        return self.actual_end or self.planned_end

    @property
    def is_extended(self):
        return bool(self.actual_end and self.actual_end > self.planned_end)

    @property
    def is_eu_funded(self):
        return self.fund != self.Fund.NONE

    @property
    def eu_statement(self):
        """The text beside the EU emblem: 2021–2027 names no fund (Reg. (EU) 2021/1060 annex IX)."""
        if self.programme_period == self.ProgrammePeriod.P2021_2027:
            return _("Co-funded by the European Union")
        return self.Fund(self.fund).emblem_statement

    @property
    def eu_slogan(self):
        if self.programme_period == self.ProgrammePeriod.P2014_2020:
            return _("Leverage from the EU 2014–2020")
        return ""

    @property
    def eu_share(self):
        """The EU fund's share in percent, from the (prefetched) funding shares."""
        eu_sources = FundingShare.Source.eu_sources()
        return sum((s.percentage for s in self.funding_shares.all() if s.source in eu_sources), Decimal(0))

    def funding_total(self):
        return sum((share.percentage for share in self.funding_shares.all()), Decimal(0))

    def partners_in_role(self, *roles):
        return [p for p in self.partnerships.all() if p.role in roles]

    @property
    def administrators(self):
        return self.partners_in_role(Partnership.Role.ADMINISTRATOR)

    @property
    def funding_authorities(self):
        return self.partners_in_role(Partnership.Role.FUNDING_AUTHORITY)

    @property
    def partners(self):
        """Each organisation once, with every role it holds in the project (the
        funding authority included), in the order of its first partnership. The
        project page and its PDF report both list these."""
        partners = {}
        for partnership in self.partnerships.all():
            partners.setdefault(partnership.organisation_id, Partner(partnership.organisation, []))
            partners[partnership.organisation_id].partnerships.append(partnership)
        return list(partners.values())

    @property
    def partners_by_role(self):
        """``[(role label, [Partner, …]), …]`` in the order of the roles: an organisation
        with several roles is in each of its groups (the ecosystem diagram)."""
        partners = self.partners
        return [
            (role.label, members)
            for role in Partnership.Role
            if (members := [partner for partner in partners if role in partner.role_values])
        ]


@dataclass
class Partner:
    """An organisation in a project with all its partnerships (roles)."""

    organisation: "Organisation"
    partnerships: list

    @property
    def roles(self):
        return [partnership.get_role_display() for partnership in self.partnerships]

    @property
    def role_values(self):
        return {partnership.role for partnership in self.partnerships}

    @property
    def is_member(self):
        """Takes part in the work, not only funds it."""
        return any(p.role != Partnership.Role.FUNDING_AUTHORITY for p in self.partnerships)

    @property
    def tasks(self):
        """The partnerships that describe the organisation's SOCOBA role and tasks."""
        return [partnership for partnership in self.partnerships if partnership.socoba_role]


class Spearhead(models.Model):
    """A development spearhead (kehittämisen kärki) of a project, in order."""

    project_lookup = "project"  # see projects.permissions
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="spearheads")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("development spearhead")
        verbose_name_plural = _("development spearheads")
        ordering = ["project", "order", "id"]

    def __str__(self):
        return self.name


class FundingShare(models.Model):
    class Source(models.TextChoices):
        ESF = "esf", _("European Social Fund (ESF)")
        ESF_PLUS = "esf_plus", _("European Social Fund Plus (ESF+)")
        ERDF = "erdf", _("European Regional Development Fund (ERDF)")
        STATE = "state", _("State (national co-funding)")
        MUNICIPAL = "municipal", _("Municipal funding")
        OWN = "own", _("Own funding")
        OTHER = "other", _("Other funding")

        @classmethod
        def eu_sources(cls):
            return {cls.ESF, cls.ESF_PLUS, cls.ERDF}

    project_lookup = "project"  # see projects.permissions
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding_shares")
    source = models.CharField(_("source"), max_length=10, choices=Source)
    percentage = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("funding share")
        verbose_name_plural = _("funding shares")
        ordering = ["project", "-percentage"]
        constraints = [
            models.UniqueConstraint(fields=["project", "source"], name="funding_share_unique_source"),
            models.CheckConstraint(
                condition=Q(percentage__gt=0) & Q(percentage__lte=100), name="funding_share_percentage_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_source_display()} {self.percentage} %"

    @property
    def amount(self):
        """Derived from the project's budget, never typed in."""
        if self.project.total_budget is None:
            return None
        return (self.project.total_budget * self.percentage / 100).quantize(Decimal(1))


class Partnership(models.Model):
    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        LEAD_IMPLEMENTER = "lead_implementer", _("Lead implementer")
        CO_IMPLEMENTER = "co_implementer", _("Co-implementer")
        JOINT_PARTNER = "joint_partner", _("Joint-project partner")
        COLLABORATOR = "collaborator", _("Collaboration partner")
        FUNDING_AUTHORITY = "funding_authority", _("Funding authority")

    project_lookup = "project"  # see projects.permissions
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="partnerships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    socoba_role = models.TextField(
        _("SOCOBA role and tasks"), blank=True, help_text=_("The role and tasks agreed in the ecosystem.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["project", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation", "role"], name="partnership_unique_role"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_display()}"


class Contact(models.Model):
    """A project's public contact person, as the project itself publishes them."""

    project_lookup = "project"  # see projects.permissions
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, null=True, blank=True
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["project", "order", "id"]

    def __str__(self):
        return self.name

    @property
    def phone_uri(self):
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class PublicationQuerySet(PublishableQuerySet):
    def public(self):
        """Published publications of published projects."""
        return self.published().filter(project__state=PublicationState.PUBLISHED).select_related("project")

    def years(self):
        return self.order_by("-year").values_list("year", flat=True).distinct()


class Publication(models.Model):
    class Kind(models.TextChoices):
        FINAL_REPORT = "final_report", _("Final report")
        REPORT = "report", _("Report")
        ARTICLE = "article", _("Article")
        BOOK = "book", _("Book or edited volume")
        THESIS = "thesis", _("Thesis")
        OTHER = "other", _("Other publication")

    class Language(models.TextChoices):
        FINNISH = "fi", _("Finnish")
        SWEDISH = "sv", _("Swedish")
        ENGLISH = "en", _("English")

    project_lookup = "project"  # see projects.permissions
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="publications"
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("In the publication's own language."))
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    state = models.CharField(
        _("publication state"), max_length=10, choices=PublicationState, default=PublicationState.DRAFT
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.REPORT)
    authors = models.CharField(_("authors"), max_length=500, blank=True)
    editors = models.CharField(_("editors"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    series = models.CharField(_("series"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.FINNISH)
    abstract = models.TextField(_("abstract"), blank=True)
    file = CheckedFileField(
        _("PDF file"), accept=uploads.PDF_ONLY, upload_to=RandomName("publications"), blank=True
    )
    cover = CheckedFileField(
        _("cover image"), accept=uploads.IMAGES, upload_to=RandomName("publications/covers"), blank=True
    )
    cover_alt = models.CharField(
        _("cover alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the cover for screen reader users. Required with a cover image."),
    )
    thumbnail = models.ImageField(_("thumbnail"), upload_to="publications/thumbnails/", blank=True, editable=False)
    isbn = models.CharField("ISBN", max_length=20, blank=True)
    issn = models.CharField("ISSN", max_length=9, blank=True)
    urn = models.CharField("URN", max_length=100, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    is_demo = models.BooleanField(
        _("demo content"), default=False, help_text=_("The file is a generated placeholder for the demo.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-year", "title"]
        indexes = [
            # public() with its order and years(); the list's and the admin's filters.
            models.Index(fields=["state", "-year"], name="publication_state_year_idx"),
            models.Index(fields=["year"], name="publication_year_idx"),
            models.Index(fields=["kind"], name="publication_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(cover="") | ~Q(cover_alt=""), name="publication_cover_has_alt_text"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.cover and not self.cover._committed:
            # Store (check and re-encode) the new cover first: the thumbnail is made from the checked image.
            self.cover.save(self.cover.name, self.cover.file, save=False)
        if self.cover and not self._thumbnail_is_current():
            self.thumbnail = make_thumbnail(self.cover)
        elif not self.cover:
            self.thumbnail = ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("projects:publication", kwargs={"slug": self.slug})

    def clean(self):
        if self.cover and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("A cover image needs an alt text.")})

    def _thumbnail_is_current(self):
        # A thumbnail is named after its cover, so a new cover needs a new one.
        if not self.thumbnail:
            return False
        cover_stem = self.cover.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return cover_stem in self.thumbnail.name

    @property
    def people(self):
        return self.authors or self.editors


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(user=user)


class Membership(models.Model):
    """A staff user's role in one project. A user may hold different roles in
    different projects; what each role may do is in ``projects.permissions``."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        STUDENT_DATA_OFFICER = "student_data_officer", _("Student-data officer")
        REPORTER = "reporter", _("Reporter")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    project_lookup = "project"  # see projects.permissions
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("project membership")
        verbose_name_plural = _("project memberships")
        ordering = ["project", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "project", "role"], name="membership_unique_role"),
        ]

    def __str__(self):
        return f"{self.user} – {self.project} – {self.get_role_display()}"


# Every change of content is written to the audit trail (django-auditlog).
for _model in (Organisation, Project, Spearhead, FundingShare, Partnership, Contact, Publication, Membership):
    auditlog.register(_model)
