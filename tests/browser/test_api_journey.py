"""An officer makes an API key on the portal, the unit's system reads and writes with
it, the documentation renders under the portal's CSP, and a revoked key stops at once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from awards.selectors import nominations_visible_to

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_officer_makes_a_key_uses_it_reads_the_docs_and_revokes_it(demo, live_server, page, shot):
    page.set_default_timeout(15_000)
    base = live_server.url
    officer = get_user_model().objects.get(username="officer1")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, base, "officer1")

    # 1. The user menu leads to the key page; a key is made and shown once.
    page.locator(".user-menu-name").click()
    page.get_by_role("link", name="Khóa API").click()
    expect(page.locator("#no-tokens")).to_be_visible()
    page.fill("#id_label", "Phần mềm quản lý nhân sự Sở Y tế")
    page.get_by_role("button", name="Tạo khóa").click()
    key = page.locator("#new-key-value").inner_text().strip()
    assert key.startswith("tdkt_")
    expect(page.locator("#token-table")).to_contain_text("Chưa dùng")
    shot(page, "api-1-key-made")

    # 2. The unit's system reads its nominations with the key.
    headers = {"Authorization": f"Bearer {key}"}
    answer = page.request.get(f"{base}{reverse('api:v1:nomination-list')}", headers=headers)
    assert answer.status == 200
    ids = {row["id"] for row in answer.json()["results"]}
    assert ids == set(nominations_visible_to(officer).values_list("pk", flat=True)[:50])
    page.goto(f"{base}{reverse('api:token_list')}")
    expect(page.locator("#token-table")).not_to_contain_text("Chưa dùng")

    # 3. The documentation renders from the portal's own files, under its CSP.
    page.goto(f"{base}{reverse('api:docs')}")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("thi đua")
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    shot(page, "api-2-docs")
    assert violations == []

    # 4. Revoked, the key stops at once.
    page.goto(f"{base}{reverse('api:token_list')}")
    page.get_by_role("button", name="Thu hồi").click()
    expect(page.locator("#token-table")).to_contain_text("Đã thu hồi")
    shot(page, "api-3-revoked")
    answer = page.request.get(f"{base}{reverse('api:v1:nomination-list')}", headers=headers)
    assert answer.status == 401
