"""Paging for lists that can grow to a province's worth of rows.

:class:`CappedPaginator` never counts more than ``cap`` rows: it counts at most
``cap + 1`` (a ``LIMIT`` inside the ``COUNT``), so a page costs the same over
1,000 rows or 100,000.  Pages stop at the cap; ``is_capped`` says there were
more, for a page to say "more than 1,000" and ask for a narrower filter or the
reverse order.  Every page is then an ``OFFSET`` of at most ``cap`` rows down
the list's index.  A page that far down (from row ``join_after``) is read in two
steps, its keys first and then its rows by key, so the joins a row needs are made
for its page only and not for every row the ``OFFSET`` skips.
"""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet


class CappedPaginator(Paginator):
    #: From this row on, a page's keys are read first and its rows then by key.
    join_after = 200

    def __init__(self, object_list, per_page, *, cap, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    def page(self, number):
        page = super().page(number)
        rows = page.object_list
        if isinstance(rows, QuerySet) and rows.query.low_mark >= self.join_after:
            page.object_list = keys_first(rows)
        return page

    @cached_property
    def found(self) -> int:
        """How many rows there are, up to ``cap + 1``: one query, bounded."""
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        """The rows that can be paged to: at most ``cap``."""
        return min(self.found, self.cap)

    @property
    def is_capped(self) -> bool:
        """There are more rows than the pages reach."""
        return self.found > self.cap


def keys_first(rows: QuerySet) -> list:
    """The rows of a sliced ``rows`` in its order, read in two steps: their keys (the
    order and the slice over the filtered table alone), then the rows by key with the
    joins of ``select_related``.  For a short slice of a long list, this spares the
    database both joining the rows the slice drops and planning the sort over joins."""
    keys = list(rows.values_list("pk", flat=True))
    by_key = rows.all()  # a copy, whose slice is then lifted for in_bulk
    by_key.query.clear_limits()
    found = by_key.order_by().in_bulk(keys)
    return [found[key] for key in keys if key in found]
