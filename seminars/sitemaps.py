"""This app's public pages for the sitemap (composed in the root urlconf)."""

sitemaps = {}
