"""This app's public pages for the sitemap (composed in the root urlconf)."""

from django.urls import reverse

from projects.sitemaps import TranslatedSitemap

from .models import Event


class EventPagesSitemap(TranslatedSitemap):
    def items(self):
        return ["seminars:list"]

    def location(self, item):
        return reverse(item)


class EventSitemap(TranslatedSitemap):
    def items(self):
        return Event.objects.public().order_by("pk")

    def lastmod(self, event):
        return event.updated_at


sitemaps = {"event-pages": EventPagesSitemap, "events": EventSitemap}
