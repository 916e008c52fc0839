"""Every CSV and spreadsheet file the portal writes goes through django-import-export:
the formats here (registered in ``IMPORT_EXPORT_FORMATS``), a base resource, the
export form with chosen columns and an admin mixin for files of personal data."""
