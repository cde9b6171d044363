"""The good-practice library on a phone (390 × 844): a visitor without an account
searches the demo's library without diacritics, opens a practice that two other units
adopted, and sees its figures, photo and where it spread; then an officer of another
unit records that their unit adopted it.  No page scrolls sideways."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from practices.models import Adoption, Practice

from .conftest import log_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _no_sideways_scroll(page):
    width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width


def test_visitor_reads_the_library_on_a_phone(demo, live_server, page, shot):
    base = live_server.url
    page.set_viewport_size(PHONE)
    page.goto(f"{base}{reverse('practices:public_list')}")
    expect(page.locator("h1")).to_have_text("Điển hình – Nhân rộng")
    expect(page.locator("#practice-cards article")).to_have_count(3)
    shot(page, "practices-list-390")
    _no_sideways_scroll(page)

    page.fill("#id_q", "khai bao y te")
    page.locator("#main form button[type=submit]").click()
    expect(page.locator("#practice-cards article")).to_have_count(1)
    page.locator("#practice-cards article a").click()

    expect(page.locator("h1")).to_contain_text("Khai báo y tế điện tử")
    expect(page.locator("#results")).to_contain_text("250.000")
    expect(page.locator("#adoptions li")).to_have_count(2)
    expect(page.locator("#photos img")).to_have_count(1)
    assert page.evaluate("document.querySelector('#photos img').naturalWidth") > 0
    shot(page, "practices-detail-390")
    _no_sideways_scroll(page)


def test_an_officer_records_an_adoption_on_a_phone(demo, live_server, page, shot):
    base = live_server.url
    page.set_viewport_size(PHONE)
    practice = Practice.objects.get(title="ATM gạo nghĩa tình")
    log_in(page, base, "officer1")
    page.goto(f"{base}{reverse('practices:public_detail', args=[practice.pk])}")
    page.get_by_role("link", name="Ghi nhận đơn vị áp dụng").click()
    page.select_option("#id_unit", label="Sở Y tế")
    page.fill("#id_adopted_on", "2021-10-15")
    page.fill("#id_place", "Trụ sở Sở Y tế")
    page.fill("#id_result", "Hỗ trợ 300 nhân viên y tế tuyến đầu")
    shot(page, "practices-adopt-390")
    _no_sideways_scroll(page)
    page.locator("#main form button[type=submit]").click()

    expect(page.locator("#adoptions")).to_contain_text("Sở Y tế")
    assert list(Adoption.objects.filter(practice=practice).values_list("place", flat=True)) == [
        "Trụ sở Sở Y tế"
    ]
    _no_sideways_scroll(page)


def test_staff_review_the_waiting_practice_and_read_the_statistics(demo, live_server, page, shot):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, base, "staff")
    page.goto(f"{base}{reverse('practices:list')}")
    expect(page.locator("#practice-table tbody tr")).to_have_count(1)
    shot(page, "practices-queue-1280")
    page.locator("#practice-table a").click()
    expect(page.locator("#practice-state")).to_have_text("Chờ xét duyệt")
    page.fill("#id_reason", "Bổ sung ảnh hoạt động của tổ")
    shot(page, "practices-review-1280")
    page.get_by_role("button", name="Yêu cầu bổ sung").click()
    expect(page.locator("#practice-state")).to_have_text("Yêu cầu bổ sung")
    page.goto(f"{base}{reverse('practices:statistics')}")
    expect(page.locator("#stat-replicated")).to_have_text("1")
    expect(page.locator("#stat-adoptions")).to_have_text("2")
    shot(page, "practices-statistics-1280")
