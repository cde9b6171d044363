"""Award at once (khen thưởng ngay) from end to end, on a desktop and on a phone.

Sở Y tế's officer records a hospital nurse's fast-track achievement; Sở Y tế's
director opens the nomination, presses "Khen thưởng ngay" and issues the giấy
khen; the certificate PDF is downloaded and read; its QR code leads the public to
the verification page, which says it is valid.  The director's screens from the
nomination to the issued decision are counted; on the phone no screen scrolls
sideways.
"""

import io
import re
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from awards.enums import DecisionState, NominationState
from awards.models import Nomination
from common.text import fold
from units.models import Individual, UnitSigner

from .conftest import log_in, pick_in_search_box

pytestmark = pytest.mark.e2e

#: The most screens the director may need from the nomination to the issued decision
#: (issue 12: "an issued giấy khen and a printable certificate in at most five screens").
MAX_SCREENS = 5
PHONE = {"width": 390, "height": 844}
WHAT = "Cứu sống người bệnh ngừng tuần hoàn tại khu cách ly trong đêm"


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "anh-hien-truong.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (200, 60, 40)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def no_sideways_scroll(page, screen):
    """The page is no wider than the phone's screen.  A mobile browser widens its
    layout viewport to fit a page that overflows, so ``innerWidth`` is checked too."""
    scroll_width, inner_width = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
    )
    wide = page.evaluate(
        """(limit) => Array.from(document.querySelectorAll('body *'))
            .filter((e) => e.getBoundingClientRect().right > limit + 1)
            .filter((e) => !e.parentElement.closest('.table-responsive'))
            .slice(0, 5).map((e) => e.tagName + '#' + e.id + '.' + e.className)""",
        PHONE["width"],
    )
    assert (scroll_width, inner_width) == (PHONE["width"], PHONE["width"]), (screen, wide)


def qr_url(pdf_path, tmp_path):
    """The URL in the certificate's QR code, when poppler and zbar are installed."""
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        return None
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf_path), str(tmp_path / "qr")],
        check=True,
    )
    return subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "qr.png")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def award_at_once_journey(page, base, shot, photo, tmp_path, *, prefix, phone):
    def screen(name):
        if phone:
            no_sideways_scroll(page, name)
        shot(page, f"{prefix}-{name}")

    nurse = (
        Individual.objects.filter(unit__code="bv-nguyen-dinh-chieu", position="Điều dưỡng")
        .order_by("pk")
        .last()
    )

    # 1. Sở Y tế's officer records the achievement on the fast-track form.
    log_in(page, base, "officer1")
    page.goto(f"{base}{reverse('awards:fast_track')}")
    screen("1-officer-fast-track-form")
    pick_in_search_box(page, "individual", nurse)
    page.fill("#id_what", WHAT)
    page.set_input_files("#id_photo", str(photo))
    page.get_by_role("button", name=re.compile("Gửi đề nghị ngay")).click()
    expect(page.locator("#nomination-state .badge", has_text="Đã gửi")).to_be_visible()
    screen("2-officer-sent")
    nomination = Nomination.objects.filter(is_fast_track=True, individual=nurse).latest("pk")
    assert nomination.award_type.code == "giay-khen"
    assert nomination.state == NominationState.SUBMITTED

    # 2. The director, from the nomination to the issued decision: each page load counts.
    log_in(page, base, "director1")
    page.wait_for_load_state("load")  # the home page after signing in is not one of them
    screens = []

    def count_screen(loaded):
        screens.append(urlsplit(loaded.url).path)

    page.on("load", count_screen)
    page.goto(f"{base}{reverse('awards:nomination_detail', args=[nomination.pk])}")
    screen("3-director-nomination")
    page.get_by_role("link", name="Khen thưởng ngay").click()
    expect(page.locator("#award-at-once-form")).to_be_visible()
    director_signer = UnitSigner.objects.get(user__username="director1")
    expect(page.locator("#id_signer")).to_have_value(str(director_signer.pk))
    screen("4-director-award-at-once")
    page.get_by_role("button", name="Ban hành ngay").click()
    expect(page.locator("#main")).to_contain_text("Đã ban hành Quyết định số")
    line = nomination.recipient_lines.select_related("decision").get()
    decision = line.decision
    expect(page).to_have_url(f"{base}{reverse('awards:decision_detail', args=[decision.pk])}")
    expect(page.locator("#main")).to_contain_text(f"Đã ban hành Quyết định số {decision.reference}")
    expect(page.locator("#download-merged")).to_be_visible(timeout=60_000)
    screen("5-director-issued")
    page.remove_listener("load", count_screen)
    assert len(screens) <= MAX_SCREENS
    assert screens == [  # the nomination, the form, the issued decision
        reverse("awards:nomination_detail", args=[nomination.pk]),
        reverse("awards:nomination_award_at_once", args=[nomination.pk]),
        reverse("awards:decision_detail", args=[decision.pk]),
    ]

    decision.refresh_from_db()
    assert decision.state == DecisionState.ISSUED
    assert decision.issuer.code == "so-y-te"
    assert decision.award_type.code == "giay-khen"
    assert (decision.signer, decision.signer_title) == (director_signer, "GIÁM ĐỐC")
    nomination.refresh_from_db()
    assert nomination.state == NominationState.AWARDED

    # 3. The certificate, as the print file of the decision (one page: one line).
    with page.expect_download() as download:
        page.locator("#download-merged").click()
    pdf_path = tmp_path / f"{prefix}-giay-khen.pdf"
    download.value.save_as(pdf_path)
    reader = PdfReader(pdf_path)
    assert len(reader.pages) == 1
    text = fold(reader.pages[0].extract_text())
    certificate = line.certificates.get()
    for expected in ("GIẤY KHEN", "SỞ Y TẾ", nurse.full_name, certificate.serial):
        assert fold(expected) in text, expected

    # 4. The public follows the QR code: the certificate is valid.
    verify_path = reverse("verify", args=[certificate.token])
    decoded = qr_url(pdf_path, tmp_path)
    if decoded is not None:
        assert urlsplit(decoded).path == verify_path
    page.context.clear_cookies()
    page.goto(f"{base}{verify_path}")
    expect(page.locator("#main")).to_contain_text("Còn hiệu lực.")
    expect(page.locator("#main")).to_contain_text(decision.reference)
    expect(page.locator("#main")).to_contain_text(nurse.full_name)
    screen("6-public-verification")
    return screens


def test_the_director_awards_a_fast_track_at_once(demo, live_server, page, photo, tmp_path, shot):
    page.set_default_timeout(30_000)
    award_at_once_journey(
        page, live_server.url, shot, photo, tmp_path, prefix="50-desktop", phone=False
    )


def test_the_director_awards_a_fast_track_at_once_on_a_phone(
    demo, live_server, browser, photo, tmp_path, shot
):
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        award_at_once_journey(
            page, live_server.url, shot, photo, tmp_path, prefix="60-phone", phone=True
        )
    finally:
        context.close()
