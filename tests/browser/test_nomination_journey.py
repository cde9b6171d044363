"""One nomination from start to finish, and the fast-track lane on a phone."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from awards.enums import NominationState
from awards.models import Nomination
from units.selectors import individuals_visible_to

from .conftest import log_in, pick_in_search_box

pytestmark = pytest.mark.e2e


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "anh-minh-chung.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (30, 120, 200)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def officers_first_person():
    officer = get_user_model().objects.get(username="officer1")
    return individuals_visible_to(officer).order_by("pk").first()


def test_nomination_from_draft_to_approval(demo, live_server, page, photo, shot):
    base = live_server.url
    page.set_default_timeout(15_000)

    # 1. officer1 records an achievement with a photo, then nominates and submits.
    log_in(page, base, "officer1")
    page.goto(f"{base}{reverse('awards:achievement_create')}")
    chosen = officers_first_person()
    pick_in_search_box(page, "individual", chosen)
    person = chosen.full_name
    page.fill("#id_date", "2021-09-01")
    page.select_option("#id_category", "thematic")
    page.fill("#id_title", "Trực chốt kiểm soát dịch 45 ngày")
    page.fill("#id_description", "Tham gia trực chốt, truy vết F0 và hỗ trợ người dân.")
    page.set_input_files("#id_evidence_files", str(photo))
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("img.img-thumbnail")).to_have_count(1)
    shot(page, "01-officer-achievement")

    page.get_by_role("link", name="Đề nghị khen thưởng").click()
    # The province's form: Sở Y tế's own staff member's dossier goes straight to the staff.
    page.select_option("#id_award_type", label="Bằng khen của Chủ tịch UBND tỉnh")
    page.fill("#id_summary", "Hoàn thành xuất sắc nhiệm vụ trực chốt phòng, chống dịch.")
    new_achievement = page.get_by_label(f"{person}: Trực chốt kiểm soát dịch 45 ngày")
    expect(new_achievement).to_be_checked()
    page.get_by_role("button", name="Lưu và gửi").click()
    expect(page.locator("#nomination-state .badge", has_text="Đã gửi")).to_be_visible()
    nomination = Nomination.objects.latest("pk")
    assert nomination.state == NominationState.SUBMITTED
    assert nomination.reviewing_unit.code == "ubnd-tinh-ben-tre"
    detail = f"{base}{reverse('awards:nomination_detail', args=[nomination.pk])}"
    shot(page, "02-officer-submitted")

    # 2. staff returns it with a reason.
    log_in(page, base, "staff")
    page.goto(detail)
    page.fill("#reason-return", "Bổ sung biên bản họp Hội đồng Thi đua – Khen thưởng.")
    page.get_by_role("button", name="Trả lại để bổ sung").click()
    expect(page.locator("#nomination-state .badge", has_text="Trả lại để bổ sung")).to_be_visible()
    shot(page, "03-staff-returned")

    # 3. officer1 sees the reason, fixes the nomination and resubmits.
    log_in(page, base, "officer1")
    page.goto(detail)
    expect(page.locator("#return-reason")).to_contain_text("Bổ sung biên bản họp Hội đồng")
    shot(page, "04-officer-sees-reason")
    page.get_by_role("link", name="Sửa hồ sơ").click()
    page.fill("#id_summary", "Đã bổ sung biên bản họp Hội đồng ngày 05/09/2021.")
    page.get_by_role("button", name="Lưu và gửi").click()
    expect(page.locator("#nomination-state .badge", has_text="Đã gửi")).to_be_visible()

    # 4. staff approves it.
    log_in(page, base, "staff")
    page.goto(detail)
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.locator("#nomination-state .badge", has_text="Đã duyệt")).to_be_visible()
    expect(page.locator("#history li")).to_have_count(4)
    shot(page, "05-staff-approved")
    nomination.refresh_from_db()
    assert nomination.state == NominationState.APPROVED

    # 5. officer2 cannot open it.
    log_in(page, base, "officer2")
    response = page.goto(detail)
    assert response.status == 404
    shot(page, "06-officer2-404")


def test_fast_track_on_a_phone(demo, live_server, browser, photo, shot):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    base = live_server.url
    log_in(page, base, "officer1")
    page.goto(f"{base}{reverse('awards:fast_track')}")
    shot(page, "10-phone-fast-track-form")
    pick_in_search_box(page, "individual", officers_first_person())
    page.fill("#id_what", "Phát hiện sớm ổ dịch tại chợ, khoanh vùng trong 2 giờ.")
    page.set_input_files("#id_photo", str(photo))
    page.get_by_role("button", name=re.compile("Gửi đề nghị ngay")).click()
    expect(page.locator("#nomination-state .badge", has_text="Khen đột xuất")).to_be_visible()
    expect(page.locator("#nomination-state .badge", has_text="Đã gửi")).to_be_visible()
    shot(page, "11-phone-fast-track-sent")
    nomination = Nomination.objects.filter(is_fast_track=True).latest("pk")
    assert nomination.state == NominationState.SUBMITTED
    assert nomination.achievements.get().evidence.count() == 1
    context.close()
