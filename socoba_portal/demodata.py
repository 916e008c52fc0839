"""Helpers for the apps' demo data (``<app>/demo.py``), shared so that every
loader is idempotent in the same way: a second run writes nothing."""

from django.core.files.base import ContentFile


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
