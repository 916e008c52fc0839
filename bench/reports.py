"""PDF report speed at growing sizes: seconds, pages, seconds per page, milliseconds per row
and SQL queries, for every report kind.

Builds throw-away data in a temporary SQLite database (20, 200 and 1,000 publications,
students or registrants; certificates: that many participants, one PDF each, as the admin's
bulk action makes them), renders each report once per size and prints a table. The query
count must stay the same at every size, and the time grow linearly with the rows.

``--before REV`` first runs the benchmark of an earlier revision (its own ``bench/reports.py``,
in a temporary git worktree, with this checkout's virtual environment) on the same machine in
the same run, so the two tables can be compared. ``make bench-reports`` compares with the first
wave's report code (bd7373e, before issue 13).

    make bench-reports        (or: .venv/bin/python -m bench.reports --sizes 20 200 1000)
"""

import argparse
import datetime
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AIM_SECONDS_PER_PAGE = 0.145  # issue 13: the cohort report at 1,000 rows


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
    """The objects of each report kind at ``size`` rows: ``{kind: [slug or id, …]}``."""
    from django.utils import timezone

    from projects.models import Publication
    from seminars.models import Registration
    from tests.factories import ProjectFactory, PublicationFactory
    from tests.seminars.factories import event_with_everything
    from tests.students.factories import large_cohort

    project = ProjectFactory(slug=f"bench-{size}")
    PublicationFactory.create_batch(1, project=project)
    Publication.objects.bulk_create(
        Publication(project=project, title=f"Julkaisu {n}", slug=f"bench-{size}-{n}", year=2020, state="published")
        for n in range(size)
    )
    # One short line a student, as in the first wave's benchmark: the densest pages (the most
    # seconds a page), and the same rows as the revision ``--before`` compares with.
    cohort = large_cohort(
        size, project=project, slug=f"bench-cohort-{size}", names=[("Testi", "Opiskelija")], theses=[]
    )
    event = event_with_everything(
        programme=5,
        materials=3,
        registrations=0,
        project=project,
        capacity=None,
        start=timezone.now() - datetime.timedelta(days=2),
        end=timezone.now() - datetime.timedelta(days=1),
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            event=event,
            name=f"Osallistuja {n}",
            email=f"o{n}@example.org",
            consent_at=timezone.now(),
            attended=True,
        )
        for n in range(size)
    )
    return {
        "project": [project.slug],
        "cohort": [cohort.slug],
        "seminar": [str(event.pk)],
        "certificate": [str(registration.pk) for registration in registrations],
    }


def _measure(report_class, values):
    """Render one report a value; (seconds, pages, queries) in all."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from pypdf import PdfReader

    seconds = pages = queries = 0
    for value in values:
        report = report_class.for_system(value, language="fi")
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            pdf = report.render()
            seconds += time.perf_counter() - started
        pages += len(PdfReader(io.BytesIO(pdf)).pages)
        queries += len(captured)
    return seconds, pages, queries


def _run(command, **options):
    subprocess.run(command, check=True, **options)  # noqa: S603 (our own fixed commands)


def _before(revision, sizes):
    """Run ``revision``'s own report benchmark in a temporary worktree."""
    git, python = shutil.which("git"), str(ROOT / ".venv" / "bin" / "python")
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder) / "before"
        _run([git, "-C", str(ROOT), "worktree", "add", "--quiet", "--detach", str(tree), revision])
        try:
            (tree / ".venv").symlink_to(ROOT / ".venv")
            _run([python, "manage.py", "compilemessages", "-v", "0", "--ignore=.venv"], cwd=tree)
            print(f"Before: revision {revision}", flush=True)
            _run([python, "-W", "ignore", "-m", "bench.reports", "--sizes", *map(str, sizes)], cwd=tree)
        finally:
            _run([git, "-C", str(ROOT), "worktree", "remove", "--force", str(tree)])
        print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 200, 1000])
    parser.add_argument("--before", metavar="REV", help="also run this git revision's report benchmark first")
    options = parser.parse_args()
    if options.before:
        _before(options.before, options.sizes)
    with tempfile.TemporaryDirectory() as folder:
        _setup(Path(folder))
        from socoba_portal.reports.rendering import report_classes

        datasets = {size: _data(size) for size in options.sizes}
        # Import WeasyPrint and its fonts once before timing, as a server process would have.
        report_classes()["project"].for_system(datasets[options.sizes[0]]["project"][0]).render()
        print("After: this checkout")
        print(f"{'report':12} {'rows':>6} {'seconds':>8} {'pages':>6} {'s/page':>7} {'ms/row':>7} {'queries':>8}")
        for kind in ("project", "cohort", "seminar", "certificate"):
            for size in options.sizes:
                seconds, pages, queries = _measure(report_classes()[kind], datasets[size][kind])
                print(
                    f"{kind:12} {size:6d} {seconds:8.2f} {pages:6d} {seconds / pages:7.3f} "
                    f"{1000 * seconds / size:7.2f} {queries:8d}"
                )
                if kind == "cohort" and size == 1000:
                    verdict = "met" if seconds / pages <= AIM_SECONDS_PER_PAGE else "NOT met"
                    print(f"{'':12} aim ≤ {AIM_SECONDS_PER_PAGE} s a page at 1,000 students: {verdict}")


if __name__ == "__main__":
    main()
