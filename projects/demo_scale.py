"""``load_demo --scale N``: N more wholly fictional projects, on top of the seed demo, so
that the public pages can be tried and measured at size (``seminars`` and ``students`` add
each project's events and cohort in their own ``demo_scale``).

"Esimerkkihanke 17 (demo)" and its kin are published and flagged ``is_demo``, with what a
project page shows: funding shares, spearheads, partners, a contact and ten publications
(without files: a placeholder PDF per publication would make the load slow). Every third
project is running, around the day of the first load; the others ended between 2016 and
2023. Rows are made with ``bulk_create`` (so they leave no audit trail) and only when
missing: a second run with the same N changes nothing, and a smaller N deletes nothing.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from socoba_portal.demodata import bulk_create_missing, translations, upsert

from .models import (
    Contact,
    FundingShare,
    Organisation,
    Partnership,
    Project,
    Publication,
    PublicationState,
    Spearhead,
)

PUBLICATIONS_PER_PROJECT = 10

SPEARHEADS = [
    ("Kansalaislähtöinen sosiaalihuolto", "Medborgarorienterad socialvård", "Citizen-centred social services"),
    ("Sähköinen asiointi", "Elektroniska tjänster", "E-services"),
    ("Rakenteellinen sosiaalityö", "Strukturellt socialt arbete", "Structural social work"),
    ("Monialainen yhteistyö", "Sektorsövergripande samarbete", "Multi-professional co-operation"),
    ("Nuorten osallisuus", "Ungas delaktighet", "Young people's participation"),
]

PUBLICATION_KINDS = [
    Publication.Kind.REPORT,
    Publication.Kind.ARTICLE,
    Publication.Kind.THESIS,
    Publication.Kind.BOOK,
    Publication.Kind.OTHER,
]


def scale_slug(number):
    return f"esimerkkihanke-{number}-demo"


def scale_projects(scale):
    """``{number: project}`` of the scaled demo's projects 1…``scale`` that exist."""
    slugs = {scale_slug(number): number for number in range(1, scale + 1)}
    return {slugs[project.slug]: project for project in Project.objects.filter(slug__in=slugs)}


def is_running(number):
    return number % 3 == 1


def period(number, today=None):
    """The project's planned period: a running project around ``today``, an ended one
    of three years starting between 2016 and 2021."""
    if is_running(number):
        year = (today or timezone.localdate()).year
        return datetime.date(year - 1, 1, 1), datetime.date(year + 1, 12, 31)
    start_year = 2016 + number % 6
    return datetime.date(start_year, 1, 1), datetime.date(start_year + 2, 12, 31)


def municipalities_name(number):
    return f"Esimerkkialueen {number} kunnat (demo)"


def load(stdout, scale):
    today = timezone.localdate()
    numbers = range(1, scale + 1)
    university = Organisation.objects.filter(name_fi="Itä-Suomen yliopisto").first()
    ely, _changed = upsert(
        Organisation,
        {"name_fi": "Esimerkkialueiden ELY-keskus (demo)"},
        {
            **translations(
                "name",
                "Esimerkkialueiden ELY-keskus (demo)",
                "NTM-centralen i exempelregionerna (demo)",
                "ELY Centre for the example regions (demo)",
            ),
            "kind": Organisation.Kind.ELY_CENTRE,
        },
    )
    bulk_create_missing(Project, (_project(number, today) for number in numbers), key=("slug",))
    projects = scale_projects(scale)
    bulk_create_missing(
        Organisation,
        (
            Organisation(
                **translations(
                    "name",
                    municipalities_name(number),
                    f"Kommunerna i exempelregion {number} (demo)",
                    f"The municipalities of example region {number} (demo)",
                ),
                kind=Organisation.Kind.MUNICIPALITY,
            )
            for number in numbers
        ),
        key=("name_fi",),
    )
    municipalities = {
        organisation.name_fi: organisation
        for organisation in Organisation.objects.filter(name_fi__in=[municipalities_name(n) for n in numbers])
    }
    rows = {FundingShare: [], Spearhead: [], Partnership: [], Contact: [], Publication: []}
    for number, project in projects.items():
        municipality = municipalities[municipalities_name(number)]
        rows[FundingShare] += _funding(project)
        rows[Spearhead] += [
            Spearhead(project=project, order=order, **translations("name", *SPEARHEADS[(number + order) % 5]))
            for order in (1, 2)
        ]
        partners = [
            (university, Partnership.Role.ADMINISTRATOR, ("", "", "")),
            (
                university,
                Partnership.Role.LEAD_IMPLEMENTER,
                ("Vastaa opetuksesta (demo).", "Ansvarar för undervisningen (demo).", "Teaches (demo)."),
            ),
            (
                municipality,
                Partnership.Role.COLLABORATOR,
                (
                    "Osapuolina SOCOBA-ekosysteemissä (demo).",
                    "Parter i SOCOBA-ekosystemet (demo).",
                    "Partners in the SOCOBA ecosystem (demo).",
                ),
            ),
            (ely, Partnership.Role.FUNDING_AUTHORITY, ("", "", "")),
        ]
        rows[Partnership] += [
            Partnership(
                project=project,
                organisation=organisation,
                role=role,
                order=order,
                **translations("socoba_role", *socoba_role),
            )
            for order, (organisation, role, socoba_role) in enumerate(partners, start=1)
            if organisation is not None
        ]
        rows[Contact].append(
            Contact(
                project=project,
                name=f"Yhteyshenkilö {number} (demo)",
                **translations("title", "koordinaattori (demo)", "koordinator (demo)", "coordinator (demo)"),
                organisation=municipality,
                email=f"yhteyshenkilo{number}@example.invalid",
                order=1,
            )
        )
        rows[Publication] += _publications(number, project, today)
    keys = {
        FundingShare: ("project_id", "source"),
        Spearhead: ("project_id", "name_fi"),
        Partnership: ("project_id", "organisation_id", "role"),
        Contact: ("project_id", "name"),
        Publication: ("slug",),
    }
    for model, objects in rows.items():
        bulk_create_missing(model, objects, key=keys[model])
    stdout.write(f"Scaled demo: {len(projects)} more projects (esimerkkihanke-1-demo…)")


def _project(number, today):
    start, end = period(number, today)
    running = is_running(number)
    period_2021 = running or start.year >= 2021
    return Project(
        slug=scale_slug(number),
        **translations(
            "official_name",
            f"Esimerkkihanke {number}: sosiaalityön koulutus- ja kehittämishanke (demo)",
            f"Exempelprojekt {number}: utbildning och utveckling i socialt arbete (demo)",
            f"Example project {number}: social work education and development (demo)",
        ),
        **translations(
            "name",
            f"Esimerkkihanke {number} (demo)",
            f"Exempelprojekt {number} (demo)",
            f"Example project {number} (demo)",
        ),
        **translations(
            "region",
            f"Esimerkkialue {number} (kuvitteellinen)",
            f"Exempelregion {number} (fiktiv)",
            f"Example region {number} (fictional)",
        ),
        state=PublicationState.PUBLISHED,
        status=Project.Status.RUNNING if running else Project.Status.ENDED,
        is_demo=True,
        planned_start=start,
        planned_end=end,
        total_budget=Decimal(300_000 + number * 7_919 % 400_000),
        fund=Project.Fund.ESF_PLUS if period_2021 else Project.Fund.ESF,
        programme_period=Project.ProgrammePeriod.P2021_2027 if period_2021 else Project.ProgrammePeriod.P2014_2020,
        intake_target=25,
        **translations(
            "programme_start_term", f"syksy {start.year}", f"hösten {start.year}", f"autumn {start.year}"
        ),
        **translations("teaching_location", "Esimerkkilä", "Exempelbygden", "Esimerkkilä"),
        **translations(
            "summary",
            f"Kuvitteellinen esittelyhanke {number}: portaalin sivut suurella aineistolla. Hanke kouluttaa "
            "sosiaalityön maistereita ja kehittää alueen sosiaalipalveluja SOCOBA-ekosysteemissä.",
            f"Ett fiktivt demoprojekt {number}: portalens sidor med mycket innehåll. Projektet utbildar "
            "magistrar i socialt arbete och utvecklar regionens socialservice i SOCOBA-ekosystemet.",
            f"A fictional demo project {number}: the portal's pages with a lot of content. The project "
            "educates masters of social work and develops the region's social services in the SOCOBA ecosystem.",
        ),
        **translations(
            "vision",
            f"Sosiaalisesti kestävä esimerkkialue {number} (demo)",
            f"En socialt hållbar exempelregion {number} (demo)",
            f"A socially sustainable example region {number} (demo)",
        ),
    )


def _funding(project):
    eu = FundingShare.Source.ESF_PLUS if project.fund == Project.Fund.ESF_PLUS else FundingShare.Source.ESF
    eu_share = Decimal(60) if eu == FundingShare.Source.ESF_PLUS else Decimal(75)
    return [
        FundingShare(project=project, source=eu, percentage=eu_share, **translations("note", "")),
        FundingShare(
            project=project,
            source=FundingShare.Source.STATE,
            percentage=Decimal(100) - eu_share - Decimal(10),
            **translations("note", "demoluku", "demosiffra", "a demo figure"),
        ),
        FundingShare(
            project=project,
            source=FundingShare.Source.MUNICIPAL,
            percentage=Decimal(10),
            **translations("note", "demoluku", "demosiffra", "a demo figure"),
        ),
    ]


def _publications(number, project, today):
    """Ten publications over the project's years (none in the future); the tenth is a draft."""
    first_year = project.planned_start.year
    last_year = min(project.planned_end.year, today.year)
    languages = list(Publication.Language)
    publications = []
    for index in range(1, PUBLICATIONS_PER_PROJECT + 1):
        title = {
            Publication.Language.FINNISH: f"Esimerkkijulkaisu {index}: esimerkkihanke {number} (demo)",
            Publication.Language.SWEDISH: f"Exempelpublikation {index}: exempelprojekt {number} (demo)",
            Publication.Language.ENGLISH: f"Example publication {index}: example project {number} (demo)",
        }
        language = languages[(number + index) % len(languages)]
        publications.append(
            Publication(
                project=project,
                slug=f"esimerkkihanke-{number}-julkaisu-{index}-demo",
                title=title[language],
                language=language,
                state=PublicationState.DRAFT if index == PUBLICATIONS_PER_PROJECT else PublicationState.PUBLISHED,
                kind=PUBLICATION_KINDS[(number + index) % len(PUBLICATION_KINDS)],
                year=first_year + index % (last_year - first_year + 1),
                authors=f"Kirjoittaja {'ABC'[index % 3]} (demo); Kirjoittaja {'DEF'[number % 3]} (demo)",
                series=f"Esimerkkihankkeen {number} julkaisuja (demo)",
                is_demo=True,
                **translations(
                    "abstract",
                    f"Kuvitteellinen julkaisu esittelyä varten (esimerkkihanke {number}).",
                    f"En fiktiv publikation för demon (exempelprojekt {number}).",
                    f"A fictional publication for the demo (example project {number}).",
                ),
            )
        )
    return publications
