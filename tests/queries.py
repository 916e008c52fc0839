"""Counting a public page's SQL queries apart from the page cache's own.

A page answered from the page cache runs one query on the database cache (version and
page in one ``get_many``); a page made afresh runs its own queries, then stores itself.
``page_queries`` counts the page's own: the queries a visitor costs when the cache is cold.
"""

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from socoba_portal import page_cache

CACHE_TABLES = {
    options["LOCATION"] for options in settings.CACHES.values() if "DatabaseCache" in options["BACKEND"]
}


def is_cache_query(sql):
    return any(f'"{table}"' in sql or f" {table} " in f" {sql} " for table in CACHE_TABLES)


def page_queries(client, path, status=200, **extra):
    """The SQL of the page's own queries (not the cache's, nor savepoints) for an answer
    with ``status``.
    The content version is settled first: working out when it expires is one query a
    process runs once per change, not one a page runs."""
    page_cache.current_version()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    assert response.status_code == status, (path, response.status_code)
    return [
        query["sql"]
        for query in captured.captured_queries
        if not is_cache_query(query["sql"]) and not query["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))
    ]


def page_query_count(client, path, **extra):
    return len(page_queries(client, path, **extra))
