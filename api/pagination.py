"""Cursor pagination for every list: ``next`` and ``previous`` links, no COUNT and no
OFFSET, so the ten-thousandth page costs what the first does and a row added
meanwhile never shifts a page.  Newest first (by id), ``API_PAGE_SIZE`` rows a page,
``?page_size=`` up to ``MAX_PAGE_SIZE``."""

from django.conf import settings
from rest_framework.pagination import CursorPagination

MAX_PAGE_SIZE = 200


class IdCursorPagination(CursorPagination):
    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        self.page_size = settings.API_PAGE_SIZE
        return super().get_page_size(request)
