"""A page's SQL queries, for the tests that assert they stay constant as data grows.

Queries on the cache's table (``socoba_cache``: the database cache of the test settings,
which holds rate-limit counters and may hold cached pages) are left out: whether a page
or a counter was in the cache says nothing about how the page's queries scale.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

CACHE_TABLE = "socoba_cache"


def without_cache(queries):
    """The captured queries (``CaptureQueriesContext.captured_queries``) not on the cache's table."""
    return [query for query in queries if CACHE_TABLE not in query["sql"]]


def page_queries(client, path, status=200):
    """GET ``path`` with ``client``: its queries (SQL in ``["sql"]``), the cache's left out."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return without_cache(context.captured_queries)
