"""The OpenAPI schema builds without a warning, and the documentation page needs no
CDN and holds under the portal's Content-Security-Policy (no inline script or style)."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from .conftest import ApiClient

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_the_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    text = target.read_text()
    assert "/api/v1/nominations/{id}/submit/:" in text
    assert "multipart/form-data" in text
    assert "bearer" in text


def test_the_schema_is_served_to_anyone(world):
    response = ApiClient().get(reverse("api:schema"), HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "API Cổng thông tin thi đua – khen thưởng"


def test_the_documentation_page_loads_everything_from_the_portal(world):
    response = ApiClient().get(reverse("api:docs"))

    html = response.content.decode()
    assert response.status_code == 200
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)
    assert "<style" not in html
    assert " style=" not in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(s.startswith("/") for s in sources), sources
    script = ApiClient().get(reverse("api:docs") + "?script=")
    assert script.status_code == 200
    assert reverse("api:schema") in script.content.decode()
    assert "default-src 'self'" in response["Content-Security-Policy"]
