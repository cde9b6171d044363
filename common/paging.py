"""Paging for lists that can grow to a province's worth of rows.

:class:`CappedPaginator` never counts more than ``cap`` rows: it counts at most
``cap + 1`` (a ``LIMIT`` inside the ``COUNT``), so a page costs the same over
1,000 rows or 100,000.  Pages stop at the cap; ``is_capped`` says there were
more, for a page to say "more than 1,000" and ask for a narrower filter or the
reverse order.  Every page is then an ``OFFSET`` of at most ``cap`` rows down
the list's index.
"""

from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

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
