"""Public pages: a cohort's aggregates and the thesis topic bank. Never a student."""

from django.views.generic import DetailView, ListView

from .aggregates import cohort_stats
from .models import Cohort, ThesisTopic


class CohortDetailView(DetailView):
    template_name = "students/cohort_detail.html"
    context_object_name = "cohort"

    def get_queryset(self):
        return Cohort.objects.public()

    def get_context_data(self, **kwargs):
        cohort = self.object
        (stats,) = cohort_stats(Cohort.objects.filter(pk=cohort.pk))
        return super().get_context_data(
            stats=stats,
            courses=cohort.courses.all(),
            topics=cohort.project.thesis_topics.public_in_project(),
            **kwargs,
        )


class ThesisTopicListView(ListView):
    template_name = "students/topic_list.html"
    context_object_name = "topics"
    paginate_by = 30

    def get_queryset(self):
        return ThesisTopic.objects.public()
