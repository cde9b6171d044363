"""The demo's good-practice library (portal/demo/practices.py)."""

import pytest
from django.urls import reverse

from common.models import ActivityLog, Notification
from practices.enums import PracticeState
from practices.models import Practice
from units.models import Individual

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_four_practices_of_four_units_one_adopted_by_two_others(demo):
    rows = list(Practice.objects.select_related("unit").order_by("id"))
    assert [(p.unit.code, p.state) for p in rows] == [
        ("cdc-ben-tre", PracticeState.PUBLISHED),
        ("xa-phu-tuc", PracticeState.PUBLISHED),
        ("ca-pc06", PracticeState.PUBLISHED),
        ("ttyt-chau-thanh", PracticeState.SUBMITTED),
    ]
    adopters = sorted(rows[0].adoptions.values_list("unit__code", flat=True))
    assert adopters == ["cong-an-tinh", "xa-phu-tuc"]
    market = rows[1]
    moves = list(
        ActivityLog.objects.for_object(market)
        .filter(action="practice.state")
        .order_by("id")
        .values_list("new_state", "actor__username")
    )
    assert moves == [
        ("submitted", "chairman"),
        ("changes", "staff"),
        ("submitted", "chairman"),
        ("published", "staff"),
    ]
    assert market.awards.count() >= 1
    assert market.results.count() == 3


def test_only_the_waiting_practice_rings_the_staffs_bell(demo):
    heard = Notification.objects.filter(activity__action__startswith="practice.")
    unread = heard.filter(read_at__isnull=True)
    assert list(unread.values_list("recipient__username", "title")) == [
        ("staff", "Sáng kiến, mô hình mới gửi: Tổ COVID cộng đồng theo từng tổ nhân dân tự quản")
    ]
    assert {n.created_at.year for n in heard} == {2021}


def test_public_practice_pages_show_no_private_data_of_anyone(demo, client):
    private = [
        value
        for row in Individual.objects.values_list("citizen_id", "phone")
        for value in row
        if value
    ]
    assert private  # the demo's people have them
    pages = [reverse("practices:public_list")] + [
        reverse("practices:public_detail", args=[pk])
        for pk in Practice.objects.filter(state=PracticeState.PUBLISHED).values_list(
            "pk", flat=True
        )
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert [value for value in private if value in html] == [], url
