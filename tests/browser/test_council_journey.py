"""A council session from end to end, in the demo: the staff (as the council's
secretary) call a session on two provincial emulation-fighter nominations, three members
vote online, the staff close it, download the minutes and read them, and the passed
nomination (and only it) is offered when a decision is composed."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from awards.authority import may_decide
from awards.enums import NominationState
from awards.models import AwardType
from council.models import Minutes, Session
from tests.factories import IndividualFactory, NominationFactory
from units.models import Council, CouncilMembership, Unit, UnitSigner

from .conftest import log_in

pytestmark = pytest.mark.e2e

AWARD = "chien-si-thi-dua-cap-tinh"
PASSING, FAILING = "Huỳnh Thị Bích Trâm", "Võ Văn Kiệt Tường"


@pytest.fixture
def council_world(demo):
    """The demo's provincial council reduced to three voting members on the day (council,
    its chair council2 and vice-chair council3: the demo's other two left yesterday), and
    two nominations of the provincial emulation-fighter title waiting for it."""
    council = Council.objects.get()
    CouncilMembership.objects.filter(
        council=council, user__username__in=["council4", "council5"]
    ).update(end_date=timezone.localdate() - datetime.timedelta(days=1))
    award_type = AwardType.objects.get(code=AWARD)
    unit = Unit.objects.get(code="bv-nguyen-dinh-chieu")
    nominations = [
        NominationFactory(
            award_type=award_type,
            individual=IndividualFactory(full_name=name, unit=unit),
            nominating_unit=unit,
            state=NominationState.IN_REVIEW,
            at_final_level=True,
            reviewing_unit=None,
        )
        for name in (PASSING, FAILING)
    ]
    return council, award_type, nominations


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_secretary_calls_members_vote_secretary_closes_and_the_minutes_say_so(
    council_world, live_server, page, shot
):
    council, award_type, (passing, failing) = council_world
    base = live_server.url
    page.set_default_timeout(30_000)
    now = timezone.now()

    log_in(page, base, "staff")
    page.goto(f"{base}{reverse('council:session_create')}")
    page.select_option("#id_council", str(council.pk))
    page.fill("#id_title", "Xét danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2026")
    page.fill("#id_meeting_at", local(now))
    page.fill("#id_place", "Phòng họp số 2, Ủy ban nhân dân tỉnh")
    page.fill("#id_votes_open_at", local(now - datetime.timedelta(hours=1)))
    page.fill("#id_votes_close_at", local(now + datetime.timedelta(hours=3)))
    for nomination in (passing, failing):
        page.check(f"input[name=nominations][value='{nomination.pk}']")
    page.locator("#session-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/council/\d+/$"))
    session = Session.objects.get(title="Xét danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2026")
    expect(page).to_have_url(f"{base}{reverse('council:session_detail', args=[session.pk])}")
    page.locator("#open-session").click()
    expect(page.locator("#close-session")).to_be_visible()
    shot(page, "council-10-session-called")

    first, second = session.items.order_by("position")
    votes = {"council": "agree", "council2": "agree", "council3": "disagree"}
    for username, on_second in votes.items():
        log_in(page, base, username)
        page.goto(f"{base}{reverse('council:session_vote', args=[session.pk])}")
        page.select_option(f"#id_item_{first.pk}", "agree")
        page.select_option(f"#id_item_{second.pk}", on_second)
        page.get_by_role("button", name="Gửi phiếu").click()
        expect(page.locator(f"#vote-item-{first.pk}")).to_be_visible()
    shot(page, "council-11-member-voted")

    log_in(page, base, "staff")
    page.goto(f"{base}{reverse('council:session_detail', args=[session.pk])}")
    page.locator("#close-session").click()
    expect(page.locator("#download-minutes")).to_be_visible()
    shot(page, "council-12-closed-with-minutes")
    minutes = Minutes.objects.get(session=session)
    response = page.request.get(f"{base}{reverse('council:minutes_download', args=[session.pk])}")
    assert response.status == 200
    reader = PdfReader(io.BytesIO(response.body()))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert f"Số: {minutes.number_text}" in text
    assert "Tổng số thành viên Hội đồng: 3; có mặt: 3; vắng mặt: 0." in text
    assert f"Hội đồng thống nhất đề nghị khen thưởng 1 trường hợp đạt yêu cầu: - {PASSING}" in text
    assert f"1 trường hợp không đạt yêu cầu: - {FAILING}" in text

    passing.refresh_from_db()
    failing.refresh_from_db()
    assert (passing.state, failing.state) == (NominationState.APPROVED, NominationState.REJECTED)
    issuer = next(
        unit
        for unit in Unit.objects.order_by("path")
        if may_decide(unit, award_type, timezone.localdate())
    )
    page.goto(f"{base}{reverse('awards:decision_create')}")
    page.select_option("#id_issuer", str(issuer.pk))
    page.select_option("#id_award_type", str(award_type.pk))
    signer = UnitSigner.objects.filter(unit=issuer, full_name="Trần Minh Hiển").get()
    page.select_option("#id_signer", str(signer.pk))
    page.locator("#main form button[type=submit]").last.click()
    expect(page.get_by_text(PASSING)).to_be_visible()
    expect(page.get_by_text(FAILING)).to_have_count(0)
    shot(page, "council-13-decision-offers-the-passed")
