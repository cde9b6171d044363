"""The public honour board on a phone (390 × 844), as an anonymous visitor: the board,
a search without diacritics, an entry page with its photo; no sideways scrolling.
Screenshots in test-artifacts/honours-*.png."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from units.models import PhotoConsent

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]


def test_board_and_entry_at_phone_width(demo, live_server, page, shot):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{reverse('honours:board')}")
    expect(page.locator("#honour-list article").first).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "honours-board-390")

    consent = PhotoConsent.objects.filter(withdrawn_at__isnull=True).select_related("individual")[0]
    name = consent.individual.full_name
    folded = "nguyen" if name.startswith("Nguyễn") else name.split()[-1].lower()
    page.fill("#id_q", folded)
    page.locator("#board-filter button[type=submit]").click()
    expect(page.locator("#honour-list")).to_be_visible()
    no_sideways_scroll(page)

    page.goto(f"{live_server.url}{reverse('honours:board')}")
    page.locator("#honour-list a", has_text=name).first.click()
    expect(page.locator("#entry-name")).to_have_text(name)
    expect(page.locator(".honour-portrait")).to_be_visible()
    assert page.evaluate("document.querySelector('.honour-portrait').naturalWidth") > 0
    og_title = page.locator('meta[property="og:title"]').get_attribute("content")
    assert og_title == name
    assert re.search(
        r"/honours/photo/\d+/$", page.locator('meta[property="og:image"]').get_attribute("content")
    )
    no_sideways_scroll(page)
    shot(page, "honours-entry-390")
