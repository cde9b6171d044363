"""The sitemap of the public library: one entry per published practice."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .selectors import published_practices


class PracticeSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return (
            published_practices()
            .order_by("-published_at", "-id")
            .only("pk", "updated_at", "published_at")
        )

    def location(self, item):
        return reverse("practices:public_detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at
