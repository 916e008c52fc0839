"""The database cache tables (rate limits, pages) made by ``migrate`` itself: every save of
content bumps the page cache's version there, so a deployment that runs only ``migrate``
must have them. ``createcachetable`` leaves tables that exist alone."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("socoba_portal", "0002_report_export_subject_and_expiry")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop, elidable=False)]
