from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Project, Publication


class PublicationFilterForm(forms.Form):
    """The publication list's filters; invalid values are reported, not obeyed."""

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
        self.fields["kind"].choices = [("", _("All kinds")), *Publication.Kind.choices]
        self.fields["year"].choices = [("", _("All years")), *((year, year) for year in years)]

    def filter(self, publications):
        if not self.is_valid():
            return publications
        data = self.cleaned_data
        if data["project"]:
            publications = publications.filter(project=data["project"])
        if data["kind"]:
            publications = publications.filter(kind=data["kind"])
        if data["year"]:
            publications = publications.filter(year=data["year"])
        return publications
