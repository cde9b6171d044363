"""Staff open the activity log from the navigation and filter it."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_staff_read_and_filter_the_activity_log(demo, live_server, page, shot):
    page.set_default_timeout(15_000)
    log_in(page, live_server.url, "staff")

    page.get_by_role("button", name="Theo dõi").click()
    page.get_by_role("link", name="Nhật ký").click()
    rows = page.locator("#activity-log tbody tr")
    expect(rows.first).to_be_visible()
    shot(page, "activity-log-1")
    page.select_option("#id_kind", "awards.awarddecision")
    page.locator("#filter-form button[type=submit]").click()

    expect(rows.first).to_contain_text("Quyết định")
    for text in rows.locator("td:nth-child(4) .small").all_inner_texts():
        assert text == "Quyết định"
    rows.first.locator("td:nth-child(4) a").click()
    expect(page).to_have_url(re.compile(r"/decisions/\d+/$"))
    shot(page, "activity-log-2-decision")
