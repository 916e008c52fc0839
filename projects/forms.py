from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Project, Publication


class ProjectKindYearFilterForm(forms.Form):
    """A public list's filters by project, kind and year; invalid values are
    reported, not obeyed. Subclasses name their ``kind_choices`` and the
    ``year_lookup`` of their queryset."""

    kind_choices = ()
    year_lookup = "year"

    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.published(),
        to_field_name="slug",
        required=False,
        empty_label=_("All projects"),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *self.kind_choices]
        self.fields["year"].choices = [("", _("All years")), *((year, year) for year in years)]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["project"]:
            queryset = queryset.filter(project=data["project"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["year"]:
            queryset = queryset.filter(**{self.year_lookup: data["year"]})
        return queryset


class PublicationFilterForm(ProjectKindYearFilterForm):
    kind_choices = Publication.Kind.choices
