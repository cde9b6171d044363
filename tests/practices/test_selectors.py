"""practices/selectors.py and practices/sitemaps.py: what the feed and the sitemap get."""

import pytest
from django.urls import reverse

from practices.enums import PracticeState
from practices.selectors import public_units, recent_published
from practices.services.practices import perform
from practices.sitemaps import PracticeSitemap
from tests.practices.conftest import make_practice

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _published(world, title):
    practice = make_practice(world.o_health, world.hospital, title=title)
    perform(practice, "submit", by=world.o_health)
    perform(practice, "publish", by=world.staff)
    return practice


def test_recent_published_gives_what_a_feed_entry_needs_newest_first(world, draft):
    older = _published(world, "Cũ hơn")
    newer = _published(world, "Mới hơn")
    entries = recent_published(limit=5)
    assert [(e.title, e.url, e.unit) for e in entries] == [
        (
            newer.title,
            reverse("practices:public_detail", args=[newer.pk]),
            "Bệnh viện Nguyễn Đình Chiểu",
        ),
        (
            older.title,
            reverse("practices:public_detail", args=[older.pk]),
            "Bệnh viện Nguyễn Đình Chiểu",
        ),
    ]
    assert entries[0].summary == newer.summary
    assert entries[0].date == newer.published_at
    assert [e.title for e in recent_published(limit=1)] == ["Mới hơn"]


def test_sitemap_lists_published_practices_only(world, draft):
    published = _published(world, "Đã công bố")
    perform(draft, "submit", by=world.o_health)
    sitemap = PracticeSitemap()
    assert [sitemap.location(item) for item in sitemap.items()] == [
        reverse("practices:public_detail", args=[published.pk])
    ]


def test_unpublished_practice_leaves_the_feed(world):
    practice = _published(world, "Sẽ gỡ")
    perform(practice, "unpublish", by=world.staff, reason="Trùng")
    assert practice.state == PracticeState.UNPUBLISHED
    assert recent_published() == []


def test_public_units_are_those_with_published_practices_and_the_units_above(world, draft):
    _published(world, "Ở bệnh viện")
    assert list(public_units()) == [world.province, world.health, world.hospital]
