"""PDF reports, one job a module:

- ``rendering``: the ``Report`` base class (a template and a query), WeasyPrint, the registry
  of report kinds, and ``SYSTEM``, the one explicit way to export without a user;
- ``views``: the staff URL and the PDF and zip responses;
- ``admin``: the report button and action for the admin;
- ``exports``: large reports made in the background by the task worker.

The apps define their reports as ``Report`` subclasses and list them in their AppConfig's
``reports`` (``{"cohort": "students.reports.CohortReport"}``); this package knows no domain app.
"""
