"""Staff build a decision from approved nominations, issue it, watch the
certificates being rendered, download them; the public opens a QR link."""

import os
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from awards.authority import may_decide
from awards.enums import NominationState
from awards.models import AwardDecision, Certificate, Nomination
from config.celery import app as celery_app
from units.models import Unit, UnitSigner

from .conftest import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def worker():
    """A real Celery worker when Redis is configured (CI); eager tasks otherwise."""
    if not os.environ.get("REDIS_URL"):
        yield None
        return
    from celery.contrib.testing.worker import start_worker

    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=60) as w:
            yield w
    finally:
        celery_app.conf.task_always_eager = True


def test_staff_issue_a_decision_and_the_public_verifies_a_certificate(
    demo, live_server, page, worker, shot
):
    base = live_server.url
    page.set_default_timeout(30_000)
    approved = Nomination.objects.filter(state=NominationState.APPROVED).select_related(
        "award_type"
    )
    award_type = approved.first().award_type
    issuer = next(
        unit
        for unit in Unit.objects.order_by("path")
        if may_decide(unit, award_type, timezone.localdate())
    )
    expected = approved.filter(award_type=award_type).count()
    assert expected >= 1
    signer = UnitSigner.objects.filter(unit=issuer, full_name="Trần Minh Hiển").get()

    log_in(page, base, "staff")
    page.goto(f"{base}{reverse('awards:decision_create')}")
    page.select_option("#id_issuer", str(issuer.pk))
    page.select_option("#id_award_type", str(award_type.pk))
    page.select_option("#id_signer", str(signer.pk))  # one of the issuer's listed signers
    page.locator("#main form button[type=submit]").last.click()
    decision = AwardDecision.objects.latest("pk")
    assert (decision.signer, decision.signer_capacity) == (signer, "KT. CHỦ TỊCH")
    # A new draft opens on the page that adds approved nominations to it.
    add_url = reverse("awards:decision_add_recipients", args=[decision.pk])
    expect(page).to_have_url(f"{base}{add_url}")
    shot(page, "20-staff-add-recipients")
    page.get_by_role("button", name="Thêm tất cả").click()
    assert decision.recipients.count() == expected
    shot(page, "21-staff-recipients-added")

    page.goto(f"{base}{reverse('awards:decision_issue', args=[decision.pk])}")
    page.locator("#main form button[type=submit]").last.click()
    decision.refresh_from_db()
    assert decision.number is not None
    expect(page.locator("#certificate-run")).to_be_visible()
    shot(page, "22-staff-rendering-progress")
    expect(page.locator("#download-zip")).to_be_visible(timeout=60_000)
    shot(page, "23-staff-certificates-ready")

    with page.expect_download() as download:
        page.locator("#download-zip").click()
    archive = zipfile.ZipFile(download.value.path())
    assert len(archive.namelist()) == expected
    assert all(name.endswith(".pdf") for name in archive.namelist())

    # The public: no login, the QR link of one certificate.
    certificate = Certificate.objects.filter(recipient__decision=decision).first()
    page.context.clear_cookies()
    page.goto(f"{base}{reverse('verify', args=[certificate.token])}")
    expect(page.locator("#main")).to_contain_text(decision.reference)
    expect(page.locator("#main")).to_contain_text(certificate.recipient.subject_name)
    shot(page, "24-public-verification")
    assert page.goto(f"{base}/verify/not-a-real-token/").status == 404
