"""The campaign cycle in the browser: the staff create a campaign, give it an indicator and
launch it to Sở Y tế's branch; officer1 registers a target and reports a figure; the staff
read the round's figures and download the round, the statistics and the review queue in
Excel, then open the sơ kết report and download its annex.  Each
new page is looked at 1280 and 390 pixels wide, without sideways scrolling on a phone.

The journey is a sequence of stages, one helper each; the last one opens the sơ kết
review report and downloads its Excel annex.
"""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from campaign.enums import CampaignStatus, ReviewKind, RoundKind
from campaign.models import Campaign, ProgressReport, Registration
from common.enums import JobState

from .conftest import log_in

pytestmark = pytest.mark.e2e

TITLE = "Phong trào thi đua tiêm chủng an toàn, đầy đủ năm 2026"
INDICATOR = "Số người được tiêm vắc xin sởi – rubella"
ROUND = "Quý I năm 2026"
WIDE, PHONE = 1280, 390


def workbook(download):
    with open(download.path(), "rb") as handle:
        return load_workbook(BytesIO(handle.read()))


def look_at(page, shot, name):
    """Screenshots at both widths; at 390 px the page scrolls down only."""
    page.set_viewport_size({"width": PHONE, "height": 844})
    shot(page, f"cycle-{name}-390")
    width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width == [PHONE, PHONE], name
    page.set_viewport_size({"width": WIDE, "height": 900})
    shot(page, f"cycle-{name}-1280")


def staff_create_and_launch(page, base, shot, today) -> Campaign:
    log_in(page, base, "staff")
    page.goto(f"{base}{reverse('campaign:campaign_create')}")
    look_at(page, shot, "1-create")
    form = page.locator("#campaign-form")
    form.locator("#id_title").fill(TITLE)
    form.locator("#id_plan_number").fill("310")
    form.locator("#id_plan_symbol").fill("KH-UBND")
    form.locator("#id_issue_date").fill(today.isoformat())
    form.locator("#id_kind").select_option("thematic")
    form.locator("#id_issuing_unit-ts-control").fill("uy ban nhan dan tinh")
    page.locator(".ts-dropdown .option", has_text="Ủy ban nhân dân tỉnh Bến Tre").first.click()
    form.locator("#id_purpose").fill("Tiêm chủng đầy đủ, an toàn cho trẻ em trong tỉnh.")
    form.locator("#id_content_items").fill("Tuyên truyền tiêm chủng\nTổ chức điểm tiêm lưu động")
    form.get_by_label("Giấy khen", exact=True).check()
    form.locator("#id_start_date").fill(today.isoformat())
    form.locator("#id_end_date").fill((today + datetime.timedelta(days=90)).isoformat())
    form.locator("#id_registration_required").check()
    deadline = today + datetime.timedelta(days=7)
    form.locator("#id_registration_deadline").fill(deadline.isoformat())
    form.get_by_role("button", name="Lưu").click()

    expect(page.locator("h1")).to_contain_text(TITLE)
    campaign = Campaign.objects.get(title=TITLE)
    assert campaign.status == CampaignStatus.DRAFT
    assert campaign.content_items == ["Tuyên truyền tiêm chủng", "Tổ chức điểm tiêm lưu động"]

    page.locator("#indicators-link").click()
    page.locator("#id_form-0-name").fill(INDICATOR)
    page.locator("#id_form-0-measure").fill("trẻ")
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    expect(page.locator("#indicators")).to_contain_text(INDICATOR)
    look_at(page, shot, "2-detail")

    page.locator("#launch-link").click()
    launch = page.locator("#launch-form")
    launch.locator("#id_branches-ts-control").fill("so y te")
    page.locator(".ts-dropdown .option", has_text="Sở Y tế").first.click()
    launch.locator("#id_date").fill(today.isoformat())
    launch.locator("#id_signer").select_option(index=1)
    look_at(page, shot, "3-launch")
    launch.get_by_role("button", name="Phát động").click()

    expect(page.locator("#download-letter")).to_be_visible()
    expect(page.locator("#deliveries")).to_contain_text("Trung tâm Kiểm soát bệnh tật tỉnh")
    look_at(page, shot, "4-run")
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.LAUNCHED
    assert sorted(campaign.participants.values_list("code", flat=True)) == [
        "bv-nguyen-dinh-chieu",
        "bvdkkv-cu-lao-minh",
        "bvndc-khoa-hoi-suc",
        "bvndc-khoa-nhiet-doi",
        "cdc-ben-tre",
        "so-y-te",
        "ttyt-chau-thanh",
    ]

    page.goto(f"{base}{reverse('campaign:round_list', args=[campaign.pk])}")
    rounds = page.locator("#round-form")
    rounds.locator("#id_kind").select_option(RoundKind.QUARTER)
    rounds.locator("#id_title").fill(ROUND)
    rounds.locator("#id_period_start").fill((today - datetime.timedelta(days=30)).isoformat())
    rounds.locator("#id_period_end").fill(today.isoformat())
    rounds.locator("#id_due_date").fill((today + datetime.timedelta(days=10)).isoformat())
    look_at(page, shot, "5-rounds")
    rounds.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(page.locator("h1")).to_contain_text(ROUND)
    expect(page.locator("#round-state")).to_have_text("Đang nhận báo cáo")
    return campaign


def officer_registers_and_reports(page, base, shot, campaign):
    log_in(page, base, "officer1")
    page.goto(f"{base}{reverse('campaign:campaign_detail', args=[campaign.pk])}")
    page.locator("#registration").get_by_role("link", name="Đăng ký thi đua").click()
    indicator = campaign.indicators.get()
    page.locator("select#id_unit").select_option(label="Sở Y tế")
    page.locator(f"#id_target_{indicator.pk}").fill("1.500")
    look_at(page, shot, "6-register")
    page.get_by_role("button", name="Lưu đăng ký").click()
    expect(page.locator("#registration")).to_contain_text("Sở Y tế")
    [registration] = Registration.objects.filter(campaign=campaign)
    assert [t.value for t in registration.target_values.all()] == [1500]

    round_ = campaign.rounds.get()
    page.goto(f"{base}{reverse('campaign:round_detail', args=[round_.pk])}")
    page.locator("#own-reports").get_by_role("link", name="Sở Y tế", exact=True).click()
    page.locator(f"#id_figure_{indicator.pk}").fill("1.200")
    page.locator("#id_narrative").fill("Đã tổ chức 12 điểm tiêm lưu động tại các xã.")
    look_at(page, shot, "7-report")
    page.get_by_role("button", name="Gửi báo cáo").click()

    # The officer's branch: 1.200 of the 1.500 registered, 80 %.
    totals = page.locator(".branch-totals").first
    expect(totals).to_contain_text("1.200")
    expect(totals).to_contain_text("1.500")
    expect(totals).to_contain_text("80")
    look_at(page, shot, "8-branch")
    [report] = ProgressReport.objects.filter(round=round_)
    assert (report.unit.code, report.submitted_by.username) == ("so-y-te", "officer1")
    assert [f.value for f in report.figures.all()] == [1200]


def staff_read_the_round_and_download(page, base, shot, campaign):
    log_in(page, base, "staff")
    round_ = campaign.rounds.get()
    page.goto(f"{base}{reverse('campaign:round_detail', args=[round_.pk])}")
    expect(page.locator("#missing")).to_contain_text("Trung tâm Kiểm soát bệnh tật tỉnh")
    look_at(page, shot, "9-round")
    with page.expect_download() as download:
        page.locator("#round-export").click()
    cells = {
        cell
        for sheet in workbook(download.value).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    }
    assert {"Sở Y tế", "Trung tâm Kiểm soát bệnh tật tỉnh", 1200} <= cells
    page.locator("#reported").get_by_role("link", name="Sở Y tế").click()
    expect(page.locator("#report-figures")).to_contain_text("1.200")
    look_at(page, shot, "10-report-read")
    page.goto(f"{base}{reverse('campaign:target_table', args=[campaign.pk])}")
    expect(page.locator("#targets tbody")).to_contain_text("1.500")
    look_at(page, shot, "10-targets")

    page.goto(f"{base}{reverse('awards:statistics')}")
    look_at(page, shot, "11-statistics")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel tất cả các bảng").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert len(workbook(download.value).sheetnames) >= 2

    page.goto(f"{base}{reverse('awards:nomination_list')}")
    listed = page.locator("table tbody tr td a[href^='/nominations/']").all_inner_texts()
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    cells = {
        cell
        for row in workbook(download.value).worksheets[0].iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    }
    assert listed and set(listed) <= cells  # the file has the rows the page lists


def staff_open_the_interim_review(page, base, shot, campaign, today):
    page.goto(f"{base}{reverse('campaign:campaign_detail', args=[campaign.pk])}")
    page.locator("#reviews-link").click()
    form = page.locator("#review-form")
    form.locator("#id_kind").select_option(ReviewKind.INTERIM)
    form.locator("#id_period_start").fill(today.isoformat())
    form.locator("#id_period_end").fill(today.isoformat())
    form.locator("#id_date").fill(today.isoformat())
    form.locator("#id_signer").select_option(index=1)
    look_at(page, shot, "12-review-form")
    form.get_by_role("button", name="Lập báo cáo").click()

    expect(page.locator("#download-xlsx")).to_be_visible()
    look_at(page, shot, "13-review")
    with page.expect_download() as download:
        page.locator("#download-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    cells = {
        cell
        for sheet in workbook(download.value).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    }
    assert any(INDICATOR in str(cell) for cell in cells)  # the indicator table
    [review] = campaign.reviews.all()
    assert (review.kind, review.state) == (ReviewKind.INTERIM, JobState.DONE)


def test_staff_launch_officer_registers_and_reports_staff_read_and_download(
    demo, live_server, page, shot
):
    base = live_server.url
    page.set_default_timeout(20_000)
    page.set_viewport_size({"width": WIDE, "height": 900})
    today = timezone.localdate()
    campaign = staff_create_and_launch(page, base, shot, today)
    officer_registers_and_reports(page, base, shot, campaign)
    staff_read_the_round_and_download(page, base, shot, campaign)
    staff_open_the_interim_review(page, base, shot, campaign, today)
