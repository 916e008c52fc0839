"""This app's public pages for the sitemap (composed in the root urlconf).
Only cohorts and topics: a student never has a page."""

from django.urls import reverse

from projects.sitemaps import TranslatedSitemap

from .models import Cohort


class CohortSitemap(TranslatedSitemap):
    def items(self):
        return Cohort.objects.public().order_by("pk")

    def lastmod(self, cohort):
        return cohort.updated_at


class TopicBankSitemap(TranslatedSitemap):
    def items(self):
        return ["students:topics"]

    def location(self, item):
        return reverse(item)


sitemaps = {"cohorts": CohortSitemap, "thesis-topics": TopicBankSitemap}
