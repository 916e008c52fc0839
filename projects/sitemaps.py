from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Project, Publication


class TranslatedSitemap(Sitemap):
    """Every page in every language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class ProjectPagesSitemap(TranslatedSitemap):
    def items(self):
        return ["projects:home", "projects:about", "projects:list", "projects:publications"]

    def location(self, item):
        return reverse(item)


class ProjectSitemap(TranslatedSitemap):
    def items(self):
        return Project.objects.published().order_by("pk")

    def lastmod(self, project):
        return project.updated_at


class PublicationSitemap(TranslatedSitemap):
    def items(self):
        return Publication.objects.public().order_by("pk")

    def lastmod(self, publication):
        return publication.updated_at


sitemaps = {"pages": ProjectPagesSitemap, "projects": ProjectSitemap, "publications": PublicationSitemap}
