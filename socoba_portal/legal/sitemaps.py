from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class LegalPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["legal:accessibility", "legal:privacy"]

    def location(self, item):
        return reverse(item)


sitemaps = {"legal": LegalPagesSitemap}
