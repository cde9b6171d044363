"""What a province's numbers change on the pages: staff page through and search a
decision's lines, and approve every row the queue's filters find, beyond the page."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse
from playwright.sync_api import expect

from awards.enums import DecisionState, NominationState
from awards.models import AwardDecision, Nomination
from awards.services.nominations import ACTIONS
from common.text import fold

from .conftest import log_in

pytestmark = pytest.mark.e2e

User = get_user_model()


def test_staff_page_through_and_search_a_decisions_lines(
    demo, live_server, page, shot, monkeypatch
):
    monkeypatch.setattr("awards.views.decisions.LINES_PER_PAGE", 2)
    decision = (
        AwardDecision.objects.filter(state=DecisionState.ISSUED)
        .annotate(lines=Count("recipients"))
        .order_by("-lines")
        .first()
    )
    lines = list(decision.recipients.order_by("sort_order", "id"))
    assert len(lines) >= 3
    url = f"{live_server.url}{reverse('awards:decision_detail', args=[decision.pk])}"

    log_in(page, live_server.url, "staff")
    page.goto(url)
    expect(page.locator("#line-range")).to_contain_text(f"Dòng 1–2 trong {len(lines)} dòng")
    shot(page, "decision-lines-page-1")
    page.get_by_role("link", name="Sau").click()
    expect(page.locator("#line-range")).to_contain_text("Dòng 3–")
    expect(page.locator("#recipient-table tbody")).to_contain_text(lines[2].subject_name)

    page.fill("#line-q", fold(lines[2].subject_name))
    page.locator("#line-search button[type=submit]").click()

    expect(page.locator("#recipient-table tbody tr")).to_have_count(1)
    expect(page.locator("#recipient-table tbody")).to_contain_text(lines[2].subject_name)
    shot(page, "decision-lines-searched")

    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the table scrolls alone
    page.reload()
    shot(page, "decision-lines-phone")
    assert page.evaluate("() => document.scrollingElement.scrollWidth") == 390


def test_staff_approve_every_row_the_filters_find(demo, live_server, page, shot, monkeypatch):
    monkeypatch.setattr("awards.views.nominations.PAGE_SIZE", 1)
    staff = User.objects.get(username="staff")
    waiting = Nomination.objects.filter(state=NominationState.IN_REVIEW)
    approvable = [n.pk for n in waiting if ACTIONS["approve"].allowed(staff, n)]
    assert len(approvable) >= 2
    queue = reverse("awards:nomination_list")

    log_in(page, live_server.url, "staff")
    page.goto(f"{live_server.url}{queue}?queue=all&state=inreview")
    page.select_option("#bulk-action", "approve")
    page.check("#bulk-everything")
    shot(page, "queue-bulk-everything")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "queue-bulk-everything-phone")
    assert page.evaluate("() => document.scrollingElement.scrollWidth") == 390
    page.locator("#bulk-form button[type=submit]").click()

    expect(page.locator(".alert-success")).to_contain_text(f"Đã xử lý {len(approvable)} hồ sơ.")
    approved = Nomination.objects.filter(pk__in=approvable, state=NominationState.APPROVED)
    assert approved.count() == len(approvable)
