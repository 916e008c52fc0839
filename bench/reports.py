"""PDF report speed at growing sizes: seconds, pages, seconds per page and SQL queries.

Builds throw-away data in a temporary SQLite database (10, 100 and 1,000
students, registrants or publications), renders each report once per size and
prints a table. The query count must stay the same at every size.

    make bench-reports        (or: .venv/bin/python -m bench.reports --sizes 10 100 1000)
"""

import argparse
import datetime
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup(folder):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "socoba_portal.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = folder / "media"
    call_command("migrate", verbosity=0)


def _data(size):
    from django.utils import timezone

    from projects.models import Publication
    from seminars.models import Registration
    from students.models import Completion, Student
    from tests.factories import ProjectFactory, PublicationFactory
    from tests.seminars.factories import event_with_everything
    from tests.students.factories import CohortFactory, plan

    project = ProjectFactory(slug=f"bench-{size}")
    PublicationFactory.create_batch(1, project=project)
    Publication.objects.bulk_create(
        Publication(project=project, title=f"Julkaisu {n}", slug=f"bench-{size}-{n}", year=2020, state="published")
        for n in range(size)
    )
    cohort = CohortFactory(project=project, slug=f"bench-cohort-{size}")
    courses = plan(cohort)
    students = Student.objects.bulk_create(
        Student(
            cohort=cohort,
            first_name="Testi",
            last_name=f"Opiskelija{n} (demo)",
            student_number=f"B{size}-{n:05d}",
            admitted_on=datetime.date(2018, 9, 1),
        )
        for n in range(size)
    )
    Completion.objects.bulk_create(
        Completion(student=student, course=course, completed_on=datetime.date(2019, 5, 1), grade="4")
        for student in students
        for course in courses[: 1 + student.pk % len(courses)]
    )
    event = event_with_everything(programme=5, materials=3, registrations=0, project=project, capacity=None)
    Registration.objects.bulk_create(
        Registration(event=event, name=f"Osallistuja {n}", email=f"o{n}@example.org", consent_at=timezone.now())
        for n in range(size)
    )
    return {"project": project.slug, "cohort": cohort.slug, "seminar": str(event.pk)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from pypdf import PdfReader

        from socoba_portal.reports.rendering import report_classes

        datasets = {size: _data(size) for size in options.sizes}
        # Import WeasyPrint and its fonts once before timing, as a server process would have.
        report_classes()["project"].for_system(datasets[options.sizes[0]]["project"]).render()
        print(f"{'report':10} {'rows':>6} {'seconds':>8} {'pages':>6} {'s/page':>7} {'queries':>8}")
        for kind in ("project", "cohort", "seminar"):
            for size in options.sizes:
                report = report_classes()[kind].for_system(datasets[size][kind], language="fi")
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    pdf = report.render()
                    seconds = time.perf_counter() - started
                pages = len(PdfReader(io.BytesIO(pdf)).pages)
                print(f"{kind:10} {size:6d} {seconds:8.2f} {pages:6d} {seconds / pages:7.3f} {len(queries):8d}")


if __name__ == "__main__":
    main()
