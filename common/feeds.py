"""What a public app gives the portal's Atom feed: plain items, newest first.

Each public app (the honour board, the good-practice library) has a function returning
a list of :class:`FeedItem`; ``portal.public`` merges them into one feed.  Paths are
site-relative (from ``reverse()``); the feed makes them absolute with ``common.site``.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class FeedItem:
    title: str
    path: str
    summary: str
    updated: datetime.datetime  # aware
    category: str = ""
