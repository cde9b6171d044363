"""Forwarding to the province (trình cấp trên) from end to end, in the demo.

A hospital's officer nominates one of its nurses for the province's bằng khen; the
dossier waits at Sở Y tế, the level between the hospital and the province.  Sở Y
tế's director finds it in his unit's queue, forwards it with "Trình cấp trên"; the
tờ trình is downloaded and read.  The province's staff find it waiting for the
province, review and approve it; the nomination's page shows both levels passed.
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from awards.enums import NominationState, StageOutcome
from awards.models import Nomination, ProposalLetter
from common.text import fold
from units.enums import OfficerRole
from units.models import Individual, OfficerMembership, Unit

from .conftest import PASSWORD, log_in, pick_in_search_box

pytestmark = pytest.mark.e2e

HOSPITAL = "bv-nguyen-dinh-chieu"
PROVINCE = "Ủy ban nhân dân tỉnh Bến Tre"
ADDRESSEE = "Chủ tịch Ủy ban nhân dân tỉnh Bến Tre"
AWARD = "Bằng khen của Chủ tịch UBND tỉnh"
SUMMARY = "Ba năm liền trực khu điều trị người bệnh COVID-19 nặng, không để xảy ra sai sót."
NOTE = "Sở Y tế đã họp Hội đồng Thi đua – Khen thưởng ngày 20/9, thống nhất đề nghị."


@pytest.fixture
def hospital_officer(demo):
    """An officer of the hospital itself.  The demo's officer1 is a member of Sở Y tế
    only: a dossier officer1 enters for a hospital nurse is Sở Y tế's own and goes
    straight to the province, so the hospital needs an account of its own here."""
    user = get_user_model().objects.create_user(
        "officer-bvndc", password=PASSWORD, first_name="Mỹ", last_name="Lâm Thị"
    )
    OfficerMembership.objects.create(
        user=user,
        unit=Unit.objects.get(code=HOSPITAL),
        role=OfficerRole.OFFICER,
        is_active=True,
    )
    return user


def queue_row(page, person):
    return page.locator("#main tbody tr", has=page.get_by_role("link", name=person.full_name))


def test_a_hospital_nomination_is_forwarded_by_the_department_and_approved_by_the_province(
    demo, hospital_officer, live_server, page, shot
):
    base = live_server.url
    page.set_default_timeout(30_000)
    nurse = (
        Individual.objects.filter(
            unit__code=HOSPITAL, position="Điều dưỡng", nominations__isnull=True
        )
        .order_by("pk")
        .first()
    )

    # 1. The hospital's officer nominates the nurse for the province's bằng khen and sends it.
    log_in(page, base, hospital_officer.username)
    page.goto(f"{base}{reverse('awards:nomination_create')}")
    pick_in_search_box(page, "individual", nurse)
    page.select_option("#id_award_type", label=AWARD)
    expect(page.locator("#id_deciding_unit option").first).to_have_text(f"Mặc định: {PROVINCE}")
    page.fill("#id_summary", SUMMARY)
    shot(page, "70-fwd-officer-nomination-form")
    page.get_by_role("button", name="Lưu và gửi").click()
    expect(page.locator("#nomination-state .badge", has_text="Đã gửi")).to_be_visible()
    expect(page.locator("#route li.route-current")).to_contain_text("Sở Y tế")
    nomination = Nomination.objects.get(individual=nurse)
    detail = f"{base}{reverse('awards:nomination_detail', args=[nomination.pk])}"
    assert (nomination.state, nomination.nominating_unit.code) == (
        NominationState.SUBMITTED,
        HOSPITAL,
    )
    assert (nomination.reviewing_unit.name, nomination.deciding_unit.name) == ("Sở Y tế", PROVINCE)
    assert nomination.at_final_level is False
    shot(page, "71-fwd-officer-sent")

    # 2. Sở Y tế's director: his queue opens on what waits for his unit; he forwards it.
    log_in(page, base, "director1")
    page.goto(f"{base}{reverse('awards:nomination_list')}")
    expect(page.locator("#id_queue option:checked")).to_have_text("Chờ đơn vị tôi xét duyệt")
    expect(queue_row(page, nurse).locator(".waiting-at")).to_have_text("Chờ Sở Y tế")
    shot(page, "72-fwd-director-queue")
    queue_row(page, nurse).get_by_role("link", name=nurse.full_name).click()
    expect(page).to_have_url(detail)
    page.fill("#id_note", NOTE)
    shot(page, "73-fwd-director-nomination")
    page.locator("#forward-form").get_by_role("button", name="Trình cấp trên").click()
    letter = ProposalLetter.objects.get(stages__nomination=nomination)
    expect(page.locator("#main")).to_contain_text(
        f"Đã trình 1 hồ sơ lên {PROVINCE} kèm tờ trình số {letter.reference}."
    )
    expect(page).to_have_url(detail)
    expect(page.locator("#route li.route-current")).to_contain_text(PROVINCE)
    assert re.fullmatch(r"\d+/TTr-SYT", letter.reference), letter.reference
    assert (letter.issuer.code, letter.addressee.name) == ("so-y-te", PROVINCE)
    assert (letter.year, letter.signed_date) == (timezone.localdate().year, timezone.localdate())
    assert letter.signer_name == "Phan Thị Ngọc Hà"
    nomination.refresh_from_db()
    assert (nomination.state, nomination.reviewing_unit.name) == (
        NominationState.SUBMITTED,
        PROVINCE,
    )
    shot(page, "74-fwd-director-forwarded")

    # 3. The tờ trình, downloaded with the director's session from the level's link.
    link = page.locator("#stages a", has_text=f"Tờ trình số {letter.reference}")
    response = page.request.get(f"{base}{link.get_attribute('href')}")
    assert (response.status, response.headers["content-type"]) == (200, "application/pdf")
    reader = PdfReader(io.BytesIO(response.body()))
    text = fold(" ".join(p.extract_text() for p in reader.pages))
    text = " ".join(text.split())
    for expected in (f"Số: {letter.reference}", nurse.full_name, f"Kính gửi: {ADDRESSEE}"):
        assert fold(expected) in text, expected

    # 4. The province's staff: it waits for the province; they review and approve it.
    log_in(page, base, "staff")
    page.goto(f"{base}{reverse('awards:nomination_list')}")
    expect(page.locator("#id_queue option:checked")).to_have_text("Chờ đơn vị tôi xét duyệt")
    expect(queue_row(page, nurse).locator(".waiting-at")).to_have_text("Chờ tỉnh")
    shot(page, "75-fwd-staff-queue")
    # The staff's eight menu entries fit a 1280 px window: the page never scrolls sideways.
    width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width == [page.viewport_size["width"]] * 2 == [1280, 1280]
    queue_row(page, nurse).get_by_role("link", name=nurse.full_name).click()
    expect(page).to_have_url(detail)
    page.get_by_role("button", name="Bắt đầu thẩm định").click()
    expect(page.locator("#nomination-state .badge", has_text="Đang thẩm định")).to_be_visible()
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.locator("#nomination-state .badge", has_text="Đã duyệt")).to_be_visible()

    # 5. The page shows both levels: Sở Y tế forwarded with the letter, the province decided.
    stages = page.locator("#stages li.stage")
    expect(stages).to_have_count(2)
    expect(stages.nth(0)).to_contain_text("Sở Y tế")
    expect(stages.nth(0)).to_contain_text("Đã trình cấp trên")
    expect(stages.nth(0)).to_contain_text(f"Tờ trình số {letter.reference}")
    expect(stages.nth(0)).to_contain_text(NOTE)
    expect(stages.nth(1)).to_contain_text(PROVINCE)
    expect(stages.nth(1)).to_contain_text("Đã xét duyệt xong")
    expect(page.locator("#route li.route-current")).to_have_count(0)
    expect(page.locator("#history li")).to_have_count(4)  # sent, forwarded, review, approved
    shot(page, "76-fwd-staff-approved")
    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPROVED
    assert [
        (stage.unit.name, stage.outcome, stage.decided_by.username)
        for stage in nomination.stages.select_related("unit", "decided_by").order_by("id")
    ] == [
        ("Sở Y tế", StageOutcome.FORWARDED, "director1"),
        (PROVINCE, StageOutcome.DECIDED, "staff"),
    ]
