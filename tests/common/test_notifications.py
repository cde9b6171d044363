"""The bell in the header and the notifications page."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.services.nominations import perform
from common.models import Notification
from tests.factories import (
    AwardTypeFactory,
    NominationFactory,
    OfficerMembershipFactory,
    UserFactory,
)
from units.enums import UnitLevel

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

BADGE = re.compile(r'id="notifications-unread">\s*([^<\s]+)')


def make(user, n=1, *, read=False, url="/", title="Hồ sơ mới gửi: {i}", start=None):
    """``n`` notifications for ``user``, one minute apart, the last one newest."""
    start = start or timezone.now() - datetime.timedelta(days=1)
    rows = []
    for i in range(n):
        row = Notification.objects.create(
            recipient=user,
            title=title.format(i=i),
            body=f"Nội dung {i}",
            url=url,
            read_at=timezone.now() if read else None,
        )
        # created_at is auto_now_add: spread the rows out so "newest first" is testable.
        Notification.objects.filter(pk=row.pk).update(
            created_at=start + datetime.timedelta(minutes=i)
        )
        rows.append(row)
    return rows


def badge(html):
    found = BADGE.search(html)
    return found.group(1) if found else None


def get(client, user, name="home", **kwargs):
    client.force_login(user)
    response = client.get(reverse(name), **kwargs)
    assert response.status_code == 200
    return response, response.content.decode()


# --- The bell -------------------------------------------------------------------------


def test_bell_shows_the_unread_count_of_the_user(client):
    user, other = UserFactory(), UserFactory()
    make(user, 3)
    make(user, 2, read=True)
    make(other, 4)

    _, html = get(client, user)

    assert badge(html) == "3"
    assert f'href="{reverse("notifications")}"' in html


def test_bell_has_no_badge_without_unread_notifications(client):
    user = UserFactory()
    make(user, 2, read=True)
    _, html = get(client, user)
    assert 'id="notifications-bell"' in html
    assert badge(html) is None


def test_bell_caps_the_count_at_99(client):
    user = UserFactory()
    Notification.objects.bulk_create([Notification(recipient=user, title="x") for _ in range(120)])
    _, html = get(client, user)
    assert badge(html) == "99+"


def test_bell_counts_with_one_query_per_page(client):
    user = UserFactory()
    make(user, 2)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("notifications"))
    unread_counts = [
        q["sql"]
        for q in queries
        if "common_notification" in q["sql"]
        and "COUNT(" in q["sql"].upper()
        and "read_at" in q["sql"]
        and "IS NULL" in q["sql"].upper()
    ]
    # The page shows the count twice (bell and heading) but asks the database once.
    assert len(unread_counts) == 1


def test_submitting_a_nomination_rings_the_staff_bell(
    client, staff_user, django_capture_on_commit_callbacks
):
    membership = OfficerMembershipFactory()
    nomination = NominationFactory(
        individual__unit=membership.unit,
        individual__full_name="Trần Thị Hoa",
        nominating_unit=membership.unit,
        # a form only the province decides: the staff review it
        award_type=AwardTypeFactory(deciding_levels=[UnitLevel.PROVINCE]),
    )
    with django_capture_on_commit_callbacks(execute=True):
        perform(nomination, "submit", by=membership.user)

    response, html = get(client, staff_user, "notifications")

    assert badge(html) == "1"
    [notification] = response.context["page"].object_list
    assert notification.title.startswith("Hồ sơ mới gửi: Trần Thị Hoa")
    assert notification.url == reverse("awards:nomination_detail", args=[nomination.pk])
    # the officer who acted is not told about their own action
    _, officer_html = get(client, membership.user)
    assert badge(officer_html) is None


# --- The list -------------------------------------------------------------------------


def test_list_shows_only_own_notifications_newest_first(client):
    user, other = UserFactory(), UserFactory()
    make(user, 3, title="Của tôi {i}")
    make(other, 2, title="Của người khác {i}")

    response, html = get(client, user, "notifications")

    assert [n.title for n in response.context["page"].object_list] == [
        "Của tôi 2",
        "Của tôi 1",
        "Của tôi 0",
    ]
    assert "Của người khác" not in html


def test_unread_notifications_are_highlighted(client):
    user = UserFactory()
    make(user, 2, title="Chưa đọc {i}")
    make(user, 3, read=True, title="Đã đọc {i}", start=timezone.now() - datetime.timedelta(days=2))

    _, html = get(client, user, "notifications")

    assert html.count("notification-unread") == 2
    assert "Đánh dấu tất cả đã đọc" in html
    assert "2 chưa đọc" in html


def test_unread_tab_lists_only_unread(client):
    user = UserFactory()
    make(user, 2, title="Chưa đọc {i}")
    make(user, 1, read=True, title="Đã đọc {i}")
    response, _ = get(client, user, "notifications", data={"unread": "1"})
    assert [n.title for n in response.context["page"].object_list] == ["Chưa đọc 1", "Chưa đọc 0"]


def test_list_is_paginated_by_25(client):
    user = UserFactory()
    make(user, 30)
    first, _ = get(client, user, "notifications")
    second, html = get(client, user, "notifications", data={"page": 2})
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assert "Trang 2/2" in html


def test_empty_list(client):
    _, html = get(client, UserFactory(), "notifications")
    assert "Bạn chưa có thông báo nào." in html
    assert "Đánh dấu tất cả đã đọc" not in html


def test_list_needs_login(client):
    response = client.get(reverse("notifications"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse('notifications')}"


def count_list_queries(client, user):
    client.force_login(user)
    cache.clear()  # measured cold: the writes between do not decide
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("notifications")).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_rows(client):
    user = UserFactory()
    make(user, 1)
    one = count_list_queries(client, user)
    make(user, 29)
    make(user, 5, read=True)
    assert (one, count_list_queries(client, user)) == (8, 8)


# --- Opening and marking read -----------------------------------------------------------


def test_opening_marks_read_and_follows_the_link(client):
    user = UserFactory()
    [notification] = make(user, url="/nominations/12/")
    client.force_login(user)

    response = client.post(reverse("notification_open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == "/nominations/12/"
    notification.refresh_from_db()
    assert notification.read_at is not None

    # Opening it again keeps the first reading time.
    first_read = notification.read_at
    response = client.post(reverse("notification_open", args=[notification.pk]))
    assert response["Location"] == "/nominations/12/"
    notification.refresh_from_db()
    assert notification.read_at == first_read


def test_opening_lowers_the_count(client):
    user = UserFactory()
    first, _second = make(user, 2)
    client.force_login(user)
    client.post(reverse("notification_open", args=[first.pk]))
    _, html = get(client, user)
    assert badge(html) == "1"


def test_opening_needs_post(client):
    user = UserFactory()
    [notification] = make(user)
    client.force_login(user)
    response = client.get(reverse("notification_open", args=[notification.pk]))
    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_someone_elses_notification_is_a_404(client):
    owner, intruder = UserFactory(), UserFactory()
    [notification] = make(owner, url="/nominations/1/")
    client.force_login(intruder)

    response = client.post(reverse("notification_open", args=[notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize(
    "url",
    [
        "//evil.example/x",
        "https://evil.example",
        "http://evil.example/nominations/1/",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "nominations/1/",
        "",
    ],
)
def test_an_unsafe_link_goes_to_the_list_instead(client, url):
    user = UserFactory()
    [notification] = make(user, url=url)
    client.force_login(user)

    response = client.post(reverse("notification_open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("notifications")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_all_read(client):
    user, other = UserFactory(), UserFactory()
    make(user, 3)
    [already] = make(user, read=True)
    make(other, 2)
    client.force_login(user)

    response = client.post(reverse("notifications_read_all"), follow=True)

    assert response.redirect_chain == [(reverse("notifications"), 302)]
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 2
    html = response.content.decode()
    assert "Đã đánh dấu 3 thông báo là đã đọc." in html
    assert badge(html) is None
    previous = already.read_at
    already.refresh_from_db()
    assert already.read_at == previous


def test_mark_all_read_needs_post(client):
    user = UserFactory()
    make(user, 2)
    client.force_login(user)
    assert client.get(reverse("notifications_read_all")).status_code == 405
    assert Notification.objects.filter(recipient=user, read_at__isnull=True).count() == 2


@pytest.mark.parametrize("name", ["notification_open", "notifications_read_all"])
def test_anonymous_visitors_are_sent_to_login(client, name):
    user = UserFactory()
    [notification] = make(user)
    url = reverse(name, args=[notification.pk]) if name == "notification_open" else reverse(name)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")
    notification.refresh_from_db()
    assert notification.read_at is None


def test_notifications_page_in_english(client):
    user = UserFactory()
    make(user, 2)
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("notifications")).content.decode()
    assert "Mark all as read" in html
    assert "2 unread" in html
    assert "Đánh dấu tất cả đã đọc" not in html
