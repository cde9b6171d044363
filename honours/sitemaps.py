"""The honour board in the portal's sitemap: the boards (all, and per campaign) and
every entry the board shows."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors


class HonourBoardSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return [None, *selectors.board_campaigns().values_list("pk", flat=True)]

    def location(self, item):
        if item is None:
            return reverse("honours:board")
        return reverse("honours:campaign", kwargs={"pk": item})


class HonourEntrySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return selectors.all_entry_keys()

    def location(self, item):
        return reverse("honours:entry", kwargs={"key": item[0]})

    def lastmod(self, item):
        return item[1]
