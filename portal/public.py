"""The portal's public feed and sitemap, combined from the public apps.

Each public app registers here: a function of its newest items for the Atom feed
(:data:`FEED_SOURCES`, returning ``common.feeds.FeedItem`` lists) and its
``Sitemap`` classes (:data:`SITEMAPS`).  Adding an app is one line in each.
"""

from django.utils.translation import gettext as _

from common.feeds import FeedItem
from honours.feeds import recent_honours
from honours.sitemaps import HonourBoardSitemap, HonourEntrySitemap
from practices.selectors import recent_published
from practices.services.practices import PUBLIC_NAMESPACE as PUBLIC_PRACTICES
from practices.sitemaps import PracticeSitemap
from units.services.publicity import PUBLIC_AWARDS

#: The cache namespaces of what the feed and the sitemap show: a change to either
#: app's public content retires them.
PUBLIC_NAMESPACES = (PUBLIC_AWARDS, PUBLIC_PRACTICES)
#: Practices offered to the feed (the newest of both apps are kept, FEED_LENGTH in all).
FEED_PRACTICES = 20


def recent_practices() -> list[FeedItem]:
    """The library's newest published practices as feed items."""
    return [
        FeedItem(
            title=entry.title,
            path=entry.url,
            summary=f"{entry.unit}: {entry.summary}" if entry.summary else entry.unit,
            updated=entry.date,
            category=_("Điển hình – Nhân rộng"),
        )
        for entry in recent_published(FEED_PRACTICES)
    ]


#: Functions returning the newest ``FeedItem`` of each public app.
FEED_SOURCES = [
    recent_honours,
    recent_practices,
]

#: Section name -> Sitemap class.
SITEMAPS = {
    "honours": HonourBoardSitemap,
    "honours-entries": HonourEntrySitemap,
    "practices": PracticeSitemap,
}

#: Items in the feed, across the sources.
FEED_LENGTH = 50


def feed_items() -> list:
    items = [item for source in FEED_SOURCES for item in source()]
    return sorted(items, key=lambda item: item.updated, reverse=True)[:FEED_LENGTH]
