"""The base of the portal's django-import-export resources."""

from import_export import resources


class PortalResource(resources.ModelResource):
    """A resource whose export knows what it holds.

    ``data_protection_note``: shown on the export page and written into the file
    (a second sheet in Excel, see ``formats.XLSX``) when the rows are personal data.
    ``default_export_fields``: the columns ticked when the export page opens (data
    minimisation: the user adds what the task needs); ``None`` ticks them all.
    """

    data_protection_note = None
    default_export_fields = None

    def after_export(self, queryset, dataset, **kwargs):
        super().after_export(queryset, dataset, **kwargs)
        dataset.title = str(self._meta.model._meta.verbose_name_plural).capitalize()  # the sheet's name
        dataset.data_protection_note = self.data_protection_note
