"""common/paging.py: a count that stops at the cap, and pages that stop with it."""

import pytest

from common.paging import CappedPaginator
from tests.factories import UnitFactory
from units.models import Unit

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_under_the_cap_the_count_is_exact():
    UnitFactory.create_batch(3)
    paginator = CappedPaginator(Unit.objects.order_by("pk"), 2, cap=5)
    assert (paginator.count, paginator.num_pages, paginator.is_capped) == (3, 2, False)


def test_at_the_cap_nothing_is_hidden():
    UnitFactory.create_batch(5)
    paginator = CappedPaginator(Unit.objects.order_by("pk"), 2, cap=5)
    assert (paginator.count, paginator.num_pages, paginator.is_capped) == (5, 3, False)


def test_past_the_cap_the_pages_stop_and_say_so(django_assert_num_queries):
    units = UnitFactory.create_batch(7)
    paginator = CappedPaginator(Unit.objects.order_by("pk"), 2, cap=5)
    with django_assert_num_queries(1):  # one bounded count, asked once
        assert (paginator.count, paginator.num_pages, paginator.is_capped) == (5, 3, True)
    last = paginator.get_page(99)
    assert (last.number, list(last)) == (3, [units[4]])
