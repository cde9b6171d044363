"""The admin index names every app and model in Vietnamese, third-party ones included."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def index_names(client) -> tuple[list[str], list[str]]:
    html = client.get(reverse("admin:index")).text
    apps = re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>(.*?)</a>', html)
    models = re.findall(r'<th scope="row" id="[^"]+">\s*<a [^>]*>(.*?)</a>', html)
    return apps, models


def test_the_third_party_apps_are_named_in_vietnamese(client, admin_user):
    client.force_login(admin_user)
    with translation.override("vi"):
        apps, models = index_names(client)

    assert "Lịch tác vụ định kỳ" in apps
    assert "Chống dò mật khẩu" in apps
    assert {"Periodic Tasks", "Axes"}.isdisjoint(apps)
    for name in ("Tác vụ định kỳ", "Lịch theo giờ, ngày (cron)", "Nhật ký đăng nhập"):
        assert name in models
    english = re.compile(r"\b(access|periodic|crontabs?|intervals?|clocked|solar)\b", re.I)
    assert [m for m in models if english.search(m)] == []
