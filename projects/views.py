from django.views.generic import DetailView, ListView, TemplateView

from .forms import PublicationFilterForm
from .models import Project, Publication
from .structured_data import project_data, publication_data

LATEST_PUBLICATIONS_ON_HOME = 4
PROJECTS_ON_HOME = 6


class HomeView(TemplateView):
    template_name = "projects/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            projects=Project.objects.published()[:PROJECTS_ON_HOME],
            latest_publications=Publication.objects.public()[:LATEST_PUBLICATIONS_ON_HOME],
            **kwargs,
        )


class AboutSocobaView(TemplateView):
    template_name = "projects/about_socoba.html"


class ProjectListView(ListView):
    template_name = "projects/project_list.html"
    context_object_name = "projects"
    paginate_by = 20

    def get_queryset(self):
        return Project.objects.published()


class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return Project.objects.published().with_public_relations()

    def get_context_data(self, **kwargs):
        return super().get_context_data(structured_data=project_data(self.object, self.request), **kwargs)


class PublicationListView(ListView):
    template_name = "projects/publication_list.html"
    context_object_name = "publications"
    paginate_by = 20

    def get_queryset(self):
        publications = Publication.objects.public()
        self.filter_form = PublicationFilterForm(self.request.GET or None, years=publications.years())
        return self.filter_form.filter(publications)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class PublicationDetailView(DetailView):
    template_name = "projects/publication_detail.html"
    context_object_name = "publication"

    def get_queryset(self):
        return Publication.objects.public()

    def get_context_data(self, **kwargs):
        return super().get_context_data(structured_data=publication_data(self.object, self.request), **kwargs)
