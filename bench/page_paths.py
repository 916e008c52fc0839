"""The pages that bench.pages measures: their paths in each language, and their SQL queries.

bench.pages runs this once per round, in the round's environment (production settings,
the round's fresh database), and reads the JSON it prints:

    [{"page": "project", "language": "sv", "path": "/sv/projekt/kainuu/",
      "status": {"cold": 200, "warm": 200},
      "queries": {"cold": {"page": 9, "cache": 1}, "warm": {"page": 9, "cache": 1}}}, ...]

Paths come from the database (which project, event, publication and cohort) and from
``reverse`` under ``translation.override`` (the translated URL patterns), never from
hard-coded slugs. Queries are counted in this process with Django's test Client as an
anonymous visitor, outside the load: "cold" is a request with a query parameter never seen
before (a page cache misses), "warm" the plain path requested a second time. Queries on the
database cache table are counted apart ("cache") from the page's own ("page").

    DJANGO_SETTINGS_MODULE=… DATABASE_URL=… python -m bench.page_paths --languages fi,sv,en
"""

import argparse
import json
import sys

# In the order of the table; bench.pages measures /healthz besides these.
PAGES = (
    "home",
    "projects",
    "project",
    "events",
    "event",
    "publications",
    "publication",
    "cohort",
    "topics",
    "accessibility",
)
LANGUAGES = ("fi", "sv", "en")
HOST = "127.0.0.1"  # in DJANGO_ALLOWED_HOSTS of the benchmark


def _objects():
    """The detail pages' objects: Kainuu's project and its content where it has some,
    and an upcoming event whose registration is open (its page shows the form)."""
    from django.utils import timezone

    from projects.models import Project, Publication
    from seminars.models import Event
    from students.models import Cohort

    projects = Project.objects.published().order_by("pk")
    project = projects.filter(slug="kainuu").first() or projects.first()
    publications = Publication.objects.public().order_by("pk")
    cohorts = Cohort.objects.public().order_by("pk")
    now = timezone.now()
    event = next(
        (event for event in Event.objects.public().upcoming(now) if event.registration_is_open(now)),
        None,
    )
    return {
        "project": project,
        "publication": publications.filter(project=project).first() or publications.first(),
        "cohort": cohorts.filter(project=project).first() or cohorts.first(),
        "event": event,
    }


def paths(language, pages=PAGES):
    """{page: path} in ``language``; a detail page without an object is left out."""
    from django.urls import reverse
    from django.utils import translation

    objects = _objects()
    names = {
        "home": ("projects:home", None),
        "projects": ("projects:list", None),
        "project": ("projects:detail", "project"),
        "events": ("seminars:list", None),
        "event": ("seminars:detail", "event"),
        "publications": ("projects:publications", None),
        "publication": ("projects:publication", "publication"),
        "cohort": ("students:cohort", "cohort"),
        "topics": ("students:topics", None),
        "accessibility": ("legal:accessibility", None),
    }
    found = {}
    with translation.override(language):
        for page in pages:
            name, kind = names[page]
            if kind is None:
                found[page] = reverse(name)
            elif objects[kind] is not None:
                found[page] = reverse(name, kwargs={"slug": objects[kind].slug})
    return found


def _count(client, path):
    """The status and the queries of one anonymous GET, the cache tables' apart (the
    tests' own rule, tests/queries.py)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.queries import is_cache_query

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    cache = sum(1 for query in captured.captured_queries if is_cache_query(query["sql"]))
    return response.status_code, {"page": len(captured) - cache, "cache": cache}


def measure(languages, pages):
    from django.test import Client

    client = Client(HTTP_HOST=HOST, raise_request_exception=False)
    rows = []
    for language in languages:
        for page, path in paths(language, pages).items():
            separator = "&" if "?" in path else "?"
            client.get(path)  # the process's first time on this page: imports, templates, translations
            cold_status, cold = _count(client, f"{path}{separator}cold=queries")
            warm_status, warm = _count(client, path)
            rows.append(
                {
                    "page": page,
                    "language": language,
                    "path": path,
                    "status": {"cold": cold_status, "warm": warm_status},
                    "queries": {"cold": cold, "warm": warm},
                }
            )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--pages", default=",".join(PAGES))
    options = parser.parse_args()
    import django

    django.setup()
    rows = measure(options.languages.split(","), [page for page in PAGES if page in options.pages.split(",")])
    json.dump(rows, sys.stdout)


if __name__ == "__main__":
    main()
