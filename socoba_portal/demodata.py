"""Helpers for the apps' demo data (``<app>/demo.py``), shared so that every
loader is idempotent in the same way: a second run writes nothing."""

import datetime

from django.core.files.base import ContentFile

BATCH_SIZE = 500


def upsert(model, lookup, values):
    """Create the object, or update only the fields that differ.

    Returns ``(obj, changed)``; an unchanged object is not saved, so a second
    run of the demo loader changes nothing, not even timestamps.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**{**lookup, **values}), True
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    for field in changed:
        setattr(obj, field, values[field])
    if changed:
        obj.save()
    return obj, bool(changed)


def attach_file(instance, field_name, filename, make_content):
    """Attach a generated file once; an existing file is kept as it is."""
    field_file = getattr(instance, field_name)
    if field_file and field_file.storage.exists(field_file.name):
        return False
    field_file.save(filename, ContentFile(make_content()), save=True)
    return True


def translations(field, fi, sv="", en=""):
    """Values of a translated field in Finnish, Swedish and English (modeltranslation's columns)."""
    return {f"{field}_fi": fi, f"{field}_sv": sv, f"{field}_en": en}


def easter_sunday(year):
    """Gregorian Easter (the anonymous algorithm, also known as Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def finnish_holidays(year):
    """Public holidays and the customary days off (Christmas and Midsummer Eves) that fall on weekdays."""
    easter = easter_sunday(year)
    midsummer_eve = next(
        datetime.date(year, 6, day) for day in range(19, 26) if datetime.date(year, 6, day).weekday() == 4
    )
    return {
        datetime.date(year, 1, 1),  # New Year's Day
        datetime.date(year, 1, 6),  # Epiphany
        easter - datetime.timedelta(days=2),  # Good Friday
        easter + datetime.timedelta(days=1),  # Easter Monday
        datetime.date(year, 5, 1),  # May Day
        easter + datetime.timedelta(days=39),  # Ascension Day
        midsummer_eve,
        datetime.date(year, 12, 6),  # Independence Day
        datetime.date(year, 12, 24),  # Christmas Eve
        datetime.date(year, 12, 25),  # Christmas Day
        datetime.date(year, 12, 26),  # Boxing Day
    }


def working_day_on_or_after(day):
    """The first Monday–Friday on or after ``day`` that is not a Finnish holiday: demo events fall on it."""
    while day.weekday() >= 5 or day in finnish_holidays(day.year):
        day += datetime.timedelta(days=1)
    return day


def bulk_create_missing(model, objects, *, key):
    """Insert the ``objects`` whose ``key`` (a tuple of attribute names, e.g.
    ``("project_id", "source")``) matches no row yet, in batches: the bulk counterpart of
    ``upsert`` for generated demo rows (``load_demo --scale``), which are never updated,
    so a second run writes nothing. ``bulk_create`` sends no signals: these rows leave no
    entries in the audit trail. Returns the objects created."""
    objects = list(objects)
    first = key[0]
    values = sorted({getattr(obj, first) for obj in objects}, key=str)
    existing = set()
    for start in range(0, len(values), BATCH_SIZE):
        chunk = values[start : start + BATCH_SIZE]
        existing |= set(model.objects.filter(**{f"{first}__in": chunk}).values_list(*key))
    missing = [obj for obj in objects if tuple(getattr(obj, name) for name in key) not in existing]
    return model.objects.bulk_create(missing, batch_size=BATCH_SIZE)
