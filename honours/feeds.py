"""The honour board's part of the portal's Atom feed: the newest entries."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from common.feeds import FeedItem

from .selectors import recent_entries


def recent_honours(limit: int = 50) -> list[FeedItem]:
    """The ``limit`` newest entries of the board, as feed items (plain values only)."""
    items = []
    for entry in recent_entries(limit):
        summary = _("%(award)s – Quyết định số %(reference)s ngày %(day)s của %(issuer)s") % {
            "award": entry.award,
            "reference": entry.reference,
            "day": entry.decided_on.strftime("%d/%m/%Y"),
            "issuer": entry.issuer,
        }
        if entry.unit_name:
            summary = f"{entry.unit_name}. {summary}"
        items.append(
            FeedItem(
                title=entry.name,
                path=entry.get_absolute_url(),
                summary=summary,
                updated=timezone.make_aware(
                    datetime.datetime.combine(entry.decided_on, datetime.time(12))
                ),
                category=_("Bảng vàng"),
            )
        )
    return items
