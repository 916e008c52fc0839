"""The demo data, loaded once per test session and copied into each test that asks for it.

``load_demo`` takes about 3 s (files, hundreds of upserts, the audit trail); run for each of
the ~150 tests that use it, it was most of the suite's time. ``take()`` runs it once inside a
transaction that is rolled back, keeping the rows it wrote and the files it made; ``restore()``
writes the same rows again with one bulk INSERT per table and copies the files.

The demo's rows get ids from ``FIRST_ID`` on, so that objects a test made before asking for
the demo (an administrator, say) never collide with them. References to content types and
permissions are kept by natural key, because a transactional test's flush recreates those
tables with new ids.
"""

import shutil
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction

NATURAL_KEYS = {
    ContentType: (lambda ct: (ct.app_label, ct.model), lambda key: ContentType.objects.get_by_natural_key(*key)),
    Permission: (
        lambda p: (p.content_type.app_label, p.codename),
        lambda key: Permission.objects.get(content_type__app_label=key[0], codename=key[1]),
    ),
}


FIRST_ID = 1_000_000


def _start_ids_at(first_id, models_):
    """Make the next id of every table with a numeric primary key ``first_id``."""
    with connection.cursor() as cursor:
        for model in models_:
            pk = model._meta.pk
            if not isinstance(pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
                continue
            table = model._meta.db_table
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)", [table, pk.column, first_id]
                )
            else:
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, first_id - 1])


def _models():
    return [model for model in apps.get_models(include_auto_created=True) if model._meta.managed]


def _remapped_fields(model):
    """The model's foreign keys to content types or permissions: (attname, target model)."""
    return [
        (f.attname, f.related_model)
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model in NATURAL_KEYS
    ]


def _rows(model):
    names = [f.attname for f in model._meta.concrete_fields]
    return {row[model._meta.pk.attname]: row for row in model._base_manager.values(*names)}


@dataclass
class Snapshot:
    rows: dict = field(default_factory=dict)  # model -> [row dicts written by load_demo]

    def restore(self, media_root, demo_media):
        cache = {}

        def lookup(target, key):
            if (target, key) not in cache:
                cache[target, key] = NATURAL_KEYS[target][1](key).pk
            return cache[target, key]

        with transaction.atomic():  # foreign keys are checked at commit, so order does not matter
            for model, rows in self.rows.items():
                remapped = _remapped_fields(model)
                objects = []
                for row in rows:
                    row = dict(row)
                    for attname, target in remapped:
                        if row[attname] is not None:
                            row[attname] = lookup(target, row[attname])
                    objects.append(model(**row))
                model._base_manager.bulk_create(objects)
            sequences = connection.ops.sequence_reset_sql(no_style(), list(self.rows))
            if sequences:
                with connection.cursor() as cursor:
                    for sql in sequences:
                        cursor.execute(sql)
        shutil.copytree(demo_media, media_root, dirs_exist_ok=True)


def take():
    """Run load_demo in a rolled-back transaction and keep what it wrote."""
    snapshot = Snapshot()
    with transaction.atomic():
        before = {model: _rows(model) for model in _models()}
        _start_ids_at(FIRST_ID, _models())
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        for model in _models():
            after = _rows(model)
            if any(after.get(pk) != row for pk, row in before[model].items()):
                raise RuntimeError(f"load_demo changed or deleted {model.__name__} rows it did not create")
            new_rows = [row for pk, row in after.items() if pk not in before[model]]
            if not new_rows:
                continue
            for attname, target in _remapped_fields(model):
                keys = {o.pk: NATURAL_KEYS[target][0](o) for o in target._base_manager.all()}
                for row in new_rows:
                    if row[attname] is not None:
                        row[attname] = keys[row[attname]]
            snapshot.rows[model] = new_rows
        transaction.set_rollback(True)
    return snapshot
