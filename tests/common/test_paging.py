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


def test_a_deep_page_reads_its_keys_then_its_rows_in_the_list_order(
    django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "join_after", 4)
    units = UnitFactory.create_batch(7)
    paginator = CappedPaginator(Unit.objects.select_related("parent").order_by("-name"), 2, cap=9)
    expected = sorted(units, key=lambda unit: unit.name, reverse=True)
    paginator.count  # noqa: B018 - counted before the page's own queries

    with django_assert_num_queries(1):
        shallow = paginator.page(2)
        assert list(shallow) == expected[2:4]
    with django_assert_num_queries(2):  # the keys, then the rows by key
        deep = paginator.page(3)
        assert list(deep) == expected[4:6]
    assert isinstance(deep.object_list, list)
