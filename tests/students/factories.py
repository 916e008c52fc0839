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
