"""Staff read the reminder log, run a rule now after a preview, and print the
notices (công văn đôn đốc) for the late units of Plan 2777; an officer cannot
open any of it."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from awards.enums import NominationState
from awards.models import Nomination
from campaign.enums import NoticeBatchState, ReminderKind, ReminderState
from campaign.models import Campaign, NoticeBatch, Reminder, ReminderRule
from campaign.services.notices import late_units
from campaign.services.reminders import preview

from .conftest import log_in

pytestmark = pytest.mark.e2e

LOG_ROWS = "#reminder-log tbody tr[id^='reminder-']"
REGISTRATION_CHASER = "Còn 3 ngày đến hạn đăng ký thi đua – Công an tỉnh"
OFFICER2 = "Huỳnh Minh Tâm"


def filter_log(page, *, q=None, state=None):
    form = page.locator("#filter-form")
    if q is not None:
        form.locator("#id_q").fill(q)
    if state is not None:
        form.locator("#id_state").select_option(state)
    form.get_by_role("button", name="Lọc").click()


def test_staff_reminders_and_notices(demo, live_server, page, shot, tmp_path):
    base = live_server.url
    page.set_default_timeout(30_000)
    log_url = f"{base}{reverse('campaign:reminder_log')}"

    # 1. The reminder log, reached from the navigation, lists the demo's reminders.
    log_in(page, base, "staff")
    page.locator("#main-nav").get_by_role("button", name="Theo dõi").click()
    page.locator("#main-nav").get_by_role("link", name="Nhắc việc").click()
    expect(page).to_have_url(log_url)
    total = Reminder.objects.count()
    assert total >= 1
    expect(page.locator(LOG_ROWS)).to_have_count(total)
    # The police's officer and its deputy director are both chased; the officer's row here.
    chaser = Reminder.objects.get(subject=REGISTRATION_CHASER, recipient__username="officer2")
    chaser_row = page.locator(f"#reminder-{chaser.pk}")
    expect(chaser_row).to_contain_text(REGISTRATION_CHASER)
    expect(chaser_row).to_contain_text(OFFICER2)
    expect(chaser_row).to_contain_text("officer2@example.org")
    expect(chaser_row.locator(".badge")).to_have_text("Đã gửi")
    shot(page, "30-staff-reminder-log")

    # Filter by recipient, then by state as well: the rows narrow.
    to_officer2 = Reminder.objects.filter(recipient__username="officer2")
    assert 1 <= to_officer2.count() < total
    filter_log(page, q=OFFICER2)
    expect(page.locator(LOG_ROWS)).to_have_count(to_officer2.count())
    for reminder in to_officer2:
        expect(page.locator(f"#reminder-{reminder.pk}")).to_be_visible()
    shot(page, "31-staff-reminder-log-officer2")
    assert not to_officer2.filter(state=ReminderState.FAILED).exists()
    filter_log(page, state="failed")
    expect(page.locator(LOG_ROWS)).to_have_count(0)
    expect(page.locator("#reminder-log tbody")).to_contain_text("Không có lượt nhắc việc nào.")
    expect(page.locator("#id_q")).to_have_value(OFFICER2)
    assert "state=failed" in page.url

    # 2. Loading the demo ran every rule, so nothing is left to send; officer2's
    #    returned nomination is made eight days old: the 7-day reminder is due.
    rule = ReminderRule.objects.get(kind=ReminderKind.RETURNED_NOMINATION)
    assert preview(rule)[0] == []
    returned = Nomination.objects.get(
        state=NominationState.RETURNED, created_by__username="officer2"
    )
    returned.state_changed_at = timezone.now() - datetime.timedelta(days=8, minutes=1)
    returned.save(update_fields=["state_changed_at"])
    due, already_sent = preview(rule)
    assert len(due) >= 1
    expected_subject = f"Hồ sơ bị trả lại 8 ngày chưa gửi lại: {returned}"
    assert (OFFICER2, expected_subject) in [
        (f"{d.recipient.last_name} {d.recipient.first_name}", subject)
        for d, (subject, _text, _html) in due
    ]

    page.locator("#main .nav-tabs").get_by_role("link", name="Quy tắc nhắc việc").click()
    expect(page.locator("#reminder-rules")).to_be_visible()
    expect(page.locator("#reminder-rules tbody tr[id^='rule-']")).to_have_count(
        ReminderRule.objects.count()
    )
    shot(page, "32-staff-reminder-rules")
    page.locator(f"#rule-{rule.pk}").get_by_role("link", name="Gửi ngay").click()
    send_url = f"{base}{reverse('campaign:reminder_rule_send', args=[rule.pk])}"
    expect(page).to_have_url(send_url)
    expect(page.locator("#preview-total")).to_have_text(f"{len(due)} lượt nhắc việc")
    expect(page.locator("#preview-already-sent")).to_have_text(
        f"{already_sent} lượt (không gửi lại)"
    )
    expect(page.locator("#preview tbody tr")).to_have_count(len(due))
    preview_row = page.locator("#preview tbody tr", has_text=OFFICER2)
    expect(preview_row).to_contain_text("officer2@example.org")
    expect(preview_row.locator("summary")).to_have_text(expected_subject)
    shot(page, "33-staff-send-now-preview")

    # A second tab holds the same preview, to confirm twice.
    stale = page.context.new_page()
    stale.goto(send_url)
    expect(stale.locator("#preview tbody tr")).to_have_count(len(due))

    before = set(Reminder.objects.values_list("pk", flat=True))
    page.get_by_role("button", name="Xác nhận gửi").click()
    expect(page).to_have_url(f"{log_url}?rule={rule.pk}")
    expect(page.locator("#messages .alert-success")).to_have_text(
        f"Đã tạo {len(due)} lượt nhắc việc."
    )
    new = Reminder.objects.exclude(pk__in=before)
    assert new.count() == len(due)
    assert set(new.values_list("rule", flat=True)) == {rule.pk}
    expect(page.locator(LOG_ROWS)).to_have_count(Reminder.objects.filter(rule=rule).count())
    for reminder in new:
        row = page.locator(f"#reminder-{reminder.pk}")
        expect(row).to_contain_text(reminder.subject)
    new_row = page.locator(f"#reminder-{new.get(recipient__username='officer2').pk}")
    expect(new_row).to_contain_text(OFFICER2)
    expect(new_row.locator("summary")).to_have_text(expected_subject)
    expect(new_row.locator(".badge")).to_have_text("Đã gửi")
    shot(page, "34-staff-sent-now-log")

    # Confirming the stale preview creates nothing more.
    stale.get_by_role("button", name="Xác nhận gửi").click()
    expect(stale.locator("#messages .alert-success")).to_have_text("Đã tạo 0 lượt nhắc việc.")
    assert Reminder.objects.count() == len(before) + len(due)
    stale.close()

    # The send page now has nothing left to send.
    page.goto(send_url)
    expect(page.locator("#preview-empty")).to_be_visible()
    expect(page.locator("#preview-total")).to_have_text("0 lượt nhắc việc")
    expect(page.locator("#preview-already-sent")).to_have_text(
        f"{already_sent + len(due)} lượt (không gửi lại)"
    )
    expect(page.get_by_role("button", name="Xác nhận gửi")).to_be_disabled()
    shot(page, "35-staff-send-now-nothing-left")

    # 3. Notices for the late units of Plan 2777, from the campaign page.
    campaign = Campaign.objects.get(plan_number="2777", plan_symbol="KH-UBND")
    late = late_units(campaign, timezone.localdate())
    assert len(late) >= 1
    page.goto(f"{base}{reverse('home')}")
    page.locator("#campaigns").get_by_role("link", name=campaign.title).click()
    expect(page).to_have_url(f"{base}{reverse('campaign:campaign_detail', args=[campaign.pk])}")
    page.locator("#notices-link").click()
    expect(page).to_have_url(f"{base}{reverse('campaign:notice_list', args=[campaign.pk])}")
    expect(page.locator("#late-units tbody tr[id^='late-unit-']")).to_have_count(len(late))
    first_unit, first_items = late[0]
    first_row = page.locator(f"#late-unit-{first_unit.pk}")
    expect(first_row).to_contain_text(first_unit.name)
    expect(first_row.locator("li")).to_have_count(len(first_items))
    shot(page, "36-staff-late-units")

    batches_before = set(NoticeBatch.objects.values_list("pk", flat=True))
    page.locator("#new-batch").get_by_role("button", name="Lập công văn").click()
    expect(page).to_have_url(re.compile(r"/notices/\d+/$"))
    batch = NoticeBatch.objects.exclude(pk__in=batches_before).get()
    assert batch.total == len(late)
    assert page.url == f"{base}{reverse('campaign:notice_batch', args=[batch.pk])}"
    expect(page.locator("#messages .alert-success")).to_have_text(
        f"Đã lập {len(late)} công văn đôn đốc; tệp PDF đang được tạo."
    )
    expect(page.locator("#notice-batch")).to_be_visible()
    shot(page, "37-staff-notice-batch-progress")
    expect(page.locator("#notice-batch-state")).to_have_text("Đã tạo xong", timeout=120_000)
    expect(page.locator("#notice-batch-count")).to_contain_text(
        f"Đã tạo {len(late)}/{len(late)} (100%)"
    )
    expect(page.locator("#notices tbody tr")).to_have_count(len(late))
    expect(page.locator("#notices tbody a", has_text="PDF")).to_have_count(len(late))
    shot(page, "38-staff-notice-batch-done")
    batch.refresh_from_db()
    assert batch.state == NoticeBatchState.DONE
    assert batch.done == len(late)

    with page.expect_download() as download:
        page.locator("#download-merged").click()
    assert re.fullmatch(r"Cong-van-don-doc-.+\.pdf", download.value.suggested_filename)
    target = tmp_path / "merged.pdf"
    download.value.save_as(target)
    reader = PdfReader(target)
    assert len(reader.pages) >= len(late)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert text.count("Kính gửi") == len(late)
    assert first_unit.name in " ".join(text.split())

    # 4. An officer gets a 404 for the log, the rules, the batch and its PDF.
    log_in(page, base, "officer2")
    expect(page.locator("#main-nav").get_by_role("link", name="Nhắc việc")).to_have_count(0)
    for url in (
        reverse("campaign:reminder_log"),
        reverse("campaign:reminder_rules"),
        reverse("campaign:reminder_rule_send", args=[rule.pk]),
        reverse("campaign:notice_list", args=[campaign.pk]),
        reverse("campaign:notice_batch", args=[batch.pk]),
        reverse("campaign:notice_merged", args=[batch.pk]),
    ):
        response = page.goto(f"{base}{url}")
        assert response.status == 404, url
    page.goto(f"{base}{reverse('campaign:notice_batch', args=[batch.pk])}")
    shot(page, "39-officer2-notice-batch-404")
