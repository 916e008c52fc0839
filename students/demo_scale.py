"""``load_demo --scale N``: the cohort of each of the scaled demo's projects
(``projects.demo_scale``): the seed demo's study plan, 25 fictional students with their
completions and theses, and five thesis topics tied to the project's spearheads.

An ended project's cohort mostly graduated; a running project's students are still
studying, with the courses done that fall before the day of the first load. Every
student is fictional (surnames end in "(demo)", ``is_demo``, ``example.invalid``). Rows
are only ever added (``bulk_create_missing``; a cohort that has students gets no more),
so a second run changes nothing.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from projects.demo_scale import is_running, municipalities_name, scale_projects
from projects.models import Organisation, Spearhead
from socoba_portal.demodata import bulk_create_missing, translations

from .models import Cohort, Completion, Course, Student, Thesis, ThesisTopic

STUDENTS_PER_COHORT = 25
COURSE_INTERVAL = datetime.timedelta(days=75)
ENDED_PLAN = ["graduated"] * 20 + ["active", "active", "on_leave", "withdrawn", "withdrawn"]
RUNNING_PLAN = ["active"] * 20 + ["on_leave", "on_leave", "withdrawn", "withdrawn", "withdrawn"]
TOPICS = [
    ("Asiakasraadit palvelujen kehittämisessä", "Klientråd i utvecklingen av tjänster", "Client panels"),
    ("Etäyhteydet asiakastyössä", "Distansmöten i klientarbetet", "Remote meetings in client work"),
    ("Kokemusasiantuntijuus", "Erfarenhetsexpertis", "Expertise by experience"),
    ("Nuorten aikuisten tuki", "Stöd för unga vuxna", "Support for young adults"),
    ("Sosiaalityön vaikuttavuus", "Det sociala arbetets effekter", "The impact of social work"),
    ("Sosiaalipäivystys", "Socialjouren", "Emergency social services"),
    ("Monialaiset palvelut", "Sektorsövergripande tjänster", "Multi-professional services"),
]
TOPIC_STATUSES = [
    ThesisTopic.Status.APPROVED,
    ThesisTopic.Status.TAKEN,
    ThesisTopic.Status.COMPLETED,
    ThesisTopic.Status.PROPOSED,
    ThesisTopic.Status.APPROVED,
]


def cohort_slug(number):
    return f"esimerkkihanke-{number}-maisteriryhma-demo"


def load(stdout, scale, *, study_plan, names):
    """``study_plan`` and ``names`` (women's and men's first names, surnames) are the seed
    demo's (``students.demo``)."""
    today = timezone.localdate()
    projects = scale_projects(scale)
    bulk_create_missing(Cohort, (_cohort(number, project) for number, project in projects.items()), key=("slug",))
    cohorts = {
        cohort.project_id: cohort for cohort in Cohort.objects.filter(slug__in=[cohort_slug(n) for n in projects])
    }
    bulk_create_missing(
        Course,
        (
            Course(
                cohort=cohort,
                code=code,
                kind=kind,
                credits=Decimal(credits),
                order=order,
                **translations("name", fi, sv, en),
            )
            for cohort in cohorts.values()
            for order, (code, fi, sv, en, credits, kind) in enumerate(study_plan, start=1)
        ),
        key=("cohort_id", "code"),
    )
    _load_topics(projects)
    with_students = set(Student.objects.filter(cohort__in=cohorts.values()).values_list("cohort_id", flat=True))
    courses = {}
    for course in Course.objects.filter(cohort__in=cohorts.values()).order_by("order"):
        courses.setdefault(course.cohort_id, []).append(course)
    topics = {}
    for topic in ThesisTopic.objects.filter(
        project__in=projects.values(), status__in=[ThesisTopic.Status.TAKEN, ThesisTopic.Status.COMPLETED]
    ).order_by("pk"):
        topics.setdefault(topic.project_id, []).append(topic)
    created = 0
    for number, project in projects.items():
        cohort = cohorts[project.pk]
        if cohort.pk in with_students:
            continue
        created += _load_students(
            number, project, cohort, courses[cohort.pk], topics.get(project.pk, []), names, today
        )
    stdout.write(f"Scaled demo: {len(cohorts)} cohorts ({created} new demo students)")


def _cohort(number, project):
    year = project.planned_start.year
    return Cohort(
        project=project,
        slug=cohort_slug(number),
        **translations(
            "name",
            f"Esimerkkihankkeen {number} maisteriryhmä (demo)",
            f"Magistergruppen i exempelprojekt {number} (demo)",
            f"Example project {number} master's cohort (demo)",
        ),
        **translations(
            "degree", "Yhteiskuntatieteiden maisteri", "Politices magister", "Master of Social Sciences"
        ),
        **translations("start_term", f"syksy {year}", f"hösten {year}", f"autumn {year}"),
        **translations("teaching_location", "Esimerkkilä", "Exempelbygden", "Esimerkkilä"),
        credits_required=120,
        intake_target=STUDENTS_PER_COHORT,
    )


def _load_topics(projects):
    spearheads = {}
    for spearhead in Spearhead.objects.filter(project__in=projects.values()).order_by("order", "pk"):
        spearheads.setdefault(spearhead.project_id, []).append(spearhead)
    proposers = {
        organisation.name_fi: organisation
        for organisation in Organisation.objects.filter(name_fi__in=[municipalities_name(n) for n in projects])
    }
    topics = []
    for number, project in projects.items():
        own = spearheads.get(project.pk, [])
        for index, status in enumerate(TOPIC_STATUSES):
            fi, sv, en = TOPICS[(number + index) % len(TOPICS)]
            topics.append(
                ThesisTopic(
                    project=project,
                    **translations("title", f"{fi} (demo)", f"{sv} (demo)", f"{en} (demo)"),
                    **translations(
                        "description",
                        f"Esimerkkihankkeen {number} kuvitteellinen gradun aihe.",
                        f"Ett fiktivt avhandlingsämne i exempelprojekt {number}.",
                        f"A fictional thesis topic of example project {number}.",
                    ),
                    spearhead=own[index % len(own)] if own else None,
                    proposing_organisation=proposers.get(municipalities_name(number)),
                    status=status,
                )
            )
    bulk_create_missing(ThesisTopic, topics, key=("project_id", "title_fi"))


def _load_students(number, project, cohort, courses, topics, names, today):
    """The cohort's students, their completions and theses; returns how many students it has."""
    first_names, male_first_names, surnames = names
    running = is_running(number)
    plan = RUNNING_PLAN if running else ENDED_PLAN
    admitted_on = datetime.date(project.planned_start.year, 8, 20)
    course_dates = [admitted_on + COURSE_INTERVAL * (position + 1) for position in range(len(courses))]
    students, work = [], {}
    for index, status in enumerate(plan):
        is_male = index % 7 == 6
        given = male_first_names if is_male else first_names
        first_name = given[(number + index) % len(given)]
        surname = surnames[(number * 7 + index) % len(surnames)]
        if running:
            # The courses whose dates have passed, a few fewer for some; never the thesis.
            passed = sum(1 for day in course_dates[:-1] if day <= today - datetime.timedelta(days=7))
            done = max(passed - index % 3, 0) if status == "active" else min(passed, 2)
        else:
            done = {"graduated": len(courses), "active": len(courses) - 2, "on_leave": 5}.get(status, 2)
        withdrew_on = (
            min(admitted_on + datetime.timedelta(days=120 + (30 * index) % 90), today)
            if status == "withdrawn"
            else None
        )
        dates = [day for day in course_dates[:done] if withdrew_on is None or day < withdrew_on]
        graduated_on = dates[-1] + datetime.timedelta(days=14) if status == "graduated" else None
        leave_started_on = (
            min((dates[-1] if dates else admitted_on) + datetime.timedelta(days=30), today)
            if status == "on_leave"
            else None
        )
        participation_end = graduated_on or withdrew_on or (None if running else project.planned_end)
        students.append(
            Student(
                cohort=cohort,
                first_name=first_name,
                last_name=f"{surname} (demo)",
                email=f"opiskelija{index + 1}.hanke{number}@example.invalid",
                student_number=f"DEMO-E{number:03d}-{index + 1:03d}",
                employer=f"Esimerkkialueen {number} sosiaalipalvelut (demo)",
                job_title="sosiaaliohjaaja",
                gender=Student.Gender.MALE if is_male else Student.Gender.FEMALE,
                age_band=list(Student.AgeBand)[index % 4],
                admitted_on=admitted_on,
                status=status,
                leave_started_on=leave_started_on,
                graduated_on=graduated_on,
                withdrew_on=withdrew_on,
                is_esf_participant=True,
                esf_start_info_collected_on=admitted_on,
                esf_participation_start=admitted_on,
                esf_participation_end=participation_end,
                esf_end_info_collected_on=participation_end,
                is_demo=True,
            )
        )
        work[students[-1].student_number] = (index, status, dates)
    completions, theses = [], []
    for student in bulk_create_missing(Student, students, key=("student_number",)):
        index, status, dates = work[student.student_number]
        completions += [
            Completion(
                student=student,
                course=course,
                completed_on=day,
                grade=Completion.Grade.PASS if course.code == "SOS-108" else str((index + position) % 5 + 1),
            )
            for position, (course, day) in enumerate(zip(courses, dates, strict=False))
        ]
        if status == "graduated" or (status == "active" and len(dates) >= 6):
            topic = topics[index % len(topics)] if topics and index % 3 != 2 else None
            subject = topic.title_fi if topic else "Sosiaalityön pro gradu -tutkielma (demo)"
            theses.append(
                Thesis(
                    student=student,
                    title=f"{subject}: näkökulma {index + 1} (demo)",
                    supervisor=f"Ohjaaja {'ABC'[index % 3]} (demo)",
                    status=Thesis.Status.APPROVED if status == "graduated" else Thesis.Status.IN_PROGRESS,
                    topic=topic,
                )
            )
    Completion.objects.bulk_create(completions, batch_size=500)
    Thesis.objects.bulk_create(theses, batch_size=500)
    return len(work)
