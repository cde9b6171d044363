"""The portal's public feed and sitemap, combined from the public apps.

Each public app registers here: a function of its newest items for the Atom feed
(:data:`FEED_SOURCES`, returning ``common.feeds.FeedItem`` lists) and its
``Sitemap`` classes (:data:`SITEMAPS`).  Adding an app is one line in each.
"""

from honours.feeds import recent_honours
from honours.sitemaps import HonourBoardSitemap, HonourEntrySitemap

#: Functions returning the newest ``FeedItem`` of each public app.
FEED_SOURCES = [
    recent_honours,
]

#: Section name -> Sitemap class.
SITEMAPS = {
    "honours": HonourBoardSitemap,
    "honours-entries": HonourEntrySitemap,
}

#: Items in the feed, across the sources.
FEED_LENGTH = 50


def feed_items() -> list:
    items = [item for source in FEED_SOURCES for item in source()]
    return sorted(items, key=lambda item: item.updated, reverse=True)[:FEED_LENGTH]
