"""Factories for the students app's tests (clearly fictional people)."""

import datetime
from decimal import Decimal

import factory

from students.models import Cohort, Completion, Course, Student, Thesis, ThesisTopic
from tests.factories import ProjectFactory


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    project = factory.SubFactory(ProjectFactory)
    name_fi = factory.Sequence(lambda n: f"Maisteriryhmä {n}")
    slug = factory.Sequence(lambda n: f"ryhma-{n}")
    credits_required = 120
    intake_target = 20


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    cohort = factory.SubFactory(CohortFactory)
    code = factory.Sequence(lambda n: f"C-{n}")
    name_fi = factory.Sequence(lambda n: f"Opintojakso {n}")
    credits = Decimal(10)


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    cohort = factory.SubFactory(CohortFactory)
    first_name = "Testi"
    last_name = factory.Sequence(lambda n: f"Opiskelija{n} (demo)")
    email = factory.Sequence(lambda n: f"opiskelija{n}@example.invalid")
    student_number = factory.Sequence(lambda n: f"T{n:05d}")
    employer = "Kuvitteellinen työnantaja (demo)"
    admitted_on = datetime.date(2018, 9, 1)
    gender = Student.Gender.FEMALE
    age_band = Student.AgeBand.FROM_30


class CompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Completion

    student = factory.SubFactory(StudentFactory)
    course = factory.SubFactory(CourseFactory, cohort=factory.SelfAttribute("..student.cohort"))
    completed_on = datetime.date(2019, 5, 1)
    grade = Completion.Grade.G4


class ThesisTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThesisTopic

    project = factory.SubFactory(ProjectFactory)
    title_fi = factory.Sequence(lambda n: f"Tutkielma-aihe {n}")
    status = ThesisTopic.Status.APPROVED


class ThesisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thesis

    student = factory.SubFactory(StudentFactory)
    title = "Tutkielma (demo)"


def plan(cohort, courses=12, credits=10):
    """A study plan of ``courses`` × ``credits`` ECTS."""
    return [CourseFactory(cohort=cohort, credits=Decimal(credits)) for _ in range(courses)]


def complete(student, courses):
    for course in courses:
        CompletionFactory(student=student, course=course)


def graduate(student, courses, on=datetime.date(2020, 12, 1)):
    complete(student, courses)
    student.status = Student.Status.GRADUATED
    student.graduated_on = on
    student.esf_participation_end = on
    student.save()
    return student


# Names and thesis titles of the lengths a real cohort has: long hyphenated surnames,
# Swedish and Finnish letters, and titles that wrap over two or three lines.
LARGE_COHORT_NAMES = [
    ("Aino", "Väänänen-Kärkkäinen"),
    ("Åsa", "Österström"),
    ("Juha-Pekka", "Heikkinen"),
    ("Maria", "Lindqvist-Nyberg"),
    ("Eero", "Ylä-Kauppila"),
]
LARGE_COHORT_THESES = [
    "Asiakkaan osallisuus aikuissosiaalityön palvelutarpeen arvioinnissa hyvinvointialueella",
    "Rakenteellinen sosiaalityö ja kuntien yhdyspintatyö",
    "Klientens delaktighet i bedömningen av servicebehov inom vuxensocialt arbete",
]


def large_cohort(size, project=None, slug=None, names=LARGE_COHORT_NAMES, theses=LARGE_COHORT_THESES):
    """A fictional cohort of ``size`` students (demo-marked ``names``, every status, credits
    from a 12-course plan, one of ``theses`` for two in three), made in bulk: the reports'
    large case."""
    cohort = CohortFactory(**{"project": project} if project else {}, **{"slug": slug} if slug else {})
    courses = plan(cohort)
    statuses = [
        {"status": Student.Status.ACTIVE},
        {"status": Student.Status.ACTIVE},
        {"status": Student.Status.ON_LEAVE, "leave_started_on": datetime.date(2019, 9, 1)},
        {"status": Student.Status.WITHDRAWN, "withdrew_on": datetime.date(2019, 9, 1)},
    ]
    students = Student.objects.bulk_create(
        Student(
            cohort=cohort,
            first_name=names[n % len(names)][0],
            last_name=f"{names[n % len(names)][1]} {n} (demo)",
            student_number=f"L{cohort.pk}-{n:05d}",
            admitted_on=datetime.date(2018, 9, 1),
            **statuses[n % len(statuses)],
        )
        for n in range(size)
    )
    Completion.objects.bulk_create(
        Completion(student=student, course=course, completed_on=datetime.date(2019, 5, 1), grade="4")
        for number, student in enumerate(students)
        for course in courses[: 1 + number % len(courses)]
    )
    Thesis.objects.bulk_create(
        Thesis(student=student, title=theses[number % len(theses)])
        for number, student in enumerate(students)
        if theses and number % 3
    )
    return cohort
