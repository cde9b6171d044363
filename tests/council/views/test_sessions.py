"""The secretary's pages: who sees them (others 404, anonymous to the login), creating,
editing, calling and the session's page; query counts of the list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from council.enums import SessionState
from council.models import Session
from council.services.closing import close_session
from tests.council.conftest import open_session_of
from tests.factories import SessionFactory, SessionMaterialFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _create_data(world, **kwargs):
    now = timezone.localtime()
    values = {
        "council": world.council.pk,
        "title": "Xét Chiến sĩ thi đua cấp tỉnh",
        "meeting_at": (now + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Phòng họp số 1",
        "votes_open_at": now.strftime("%Y-%m-%dT%H:%M"),
        "votes_close_at": (now + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
        "nominations": [n.pk for n in world.nominations[:2]],
    }
    return {**values, **kwargs}


def test_create_page_makes_a_draft_session_with_its_agenda(client, world):
    client.force_login(world.staff)

    response = client.post(reverse("council:session_create"), _create_data(world))

    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("council:session_detail", args=[session.pk])
    assert [i.nomination for i in session.items.order_by("position")] == world.nominations[:2]
    assert session.state == SessionState.DRAFT


def test_create_page_offers_only_nominations_that_need_the_council(client, world):
    client.force_login(world.staff)

    form = client.get(reverse("council:session_create")).context["form"]

    assert sorted(n.pk for n in form.fields["nominations"].queryset) == sorted(
        n.pk for n in world.nominations
    )


def test_create_page_shows_a_bad_window_as_a_field_error(client, world):
    client.force_login(world.staff)
    data = _create_data(world)
    data["votes_close_at"] = data["votes_open_at"]

    response = client.post(reverse("council:session_create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["votes_close_at"] == [
        "Giờ đóng bỏ phiếu phải sau giờ mở."
    ]
    assert Session.objects.count() == 0


def test_secretary_pages_are_404_for_members_and_outsiders(client, world):
    session = open_session_of(world)
    material = SessionMaterialFactory(session=session)
    urls = [
        reverse("council:session_create"),
        reverse("council:session_detail", args=[session.pk]),
        reverse("council:session_edit", args=[session.pk]),
    ]
    posts = [
        reverse(f"council:{name}", args=[session.pk])
        for name in ("session_open", "session_close", "material_add", "attendance")
    ] + [reverse(f"council:{name}", args=[session.pk]) for name in ("written_vote", "paper_count")]
    for user in (world.members[0], world.outsider):
        client.force_login(user)
        assert [client.get(u).status_code for u in urls] == [404, 404, 404]
        assert {client.post(u).status_code for u in posts} == {404}
    client.force_login(world.outsider)
    download = reverse("council:material_download", args=[session.pk, material.pk])
    assert client.get(download).status_code == 404
    assert client.get(reverse("council:session_list")).status_code == 404
    session.refresh_from_db()
    assert session.state == SessionState.OPEN


def test_secretary_of_another_council_gets_404(client, world):
    other = SessionFactory()
    client.force_login(world.secretary)

    assert client.get(reverse("council:session_detail", args=[other.pk])).status_code == 404


def test_anonymous_is_sent_to_the_login_page(client, world):
    session = open_session_of(world)
    for url in (
        reverse("council:session_list"),
        reverse("council:session_detail", args=[session.pk]),
        reverse("council:session_vote", args=[session.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_open_button_calls_the_members(client, world):
    session = open_session_of(world, state=SessionState.DRAFT)
    client.force_login(world.secretary)

    response = client.post(reverse("council:session_open", args=[session.pk]), follow=True)

    session.refresh_from_db()
    assert session.state == SessionState.OPEN
    assert "Đã triệu tập phiên họp" in response.text


def test_open_refused_shows_the_reason(client, world):
    session = SessionFactory(council=world.council)
    client.force_login(world.staff)

    response = client.post(reverse("council:session_open", args=[session.pk]), follow=True)

    assert "Phiên họp chưa có hồ sơ nào để xét." in response.text
    session.refresh_from_db()
    assert session.state == SessionState.DRAFT


def test_detail_shows_how_many_voted_never_how(client, world):
    session = open_session_of(world)
    client.force_login(world.staff)

    response = client.get(reverse("council:session_detail", args=[session.pk]))

    assert response.status_code == 200
    assert [i.ballot_count for i in response.context["items"]] == [0, 0, 0]
    assert response.context["member_count"] == 5


def test_members_may_download_materials_of_a_called_session(client, world):
    session = open_session_of(world)
    material = SessionMaterialFactory(session=session)
    client.force_login(world.members[1])

    response = client.get(reverse("council:material_download", args=[session.pk, material.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


@pytest.mark.parametrize("count", [1, 3])
def test_session_list_queries_do_not_grow_with_sessions(
    client, world, django_assert_num_queries, count
):
    for _ in range(count):
        open_session_of(world)
    client.force_login(world.staff)
    url = reverse("council:session_list")
    client.get(url)

    with django_assert_num_queries(2):
        response = client.get(url)

    assert len(response.context["sessions"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_member_session_list_queries_do_not_grow(client, world, django_assert_num_queries, count):
    for _ in range(count):
        open_session_of(world)
    SessionFactory(council=world.council)  # a draft: not the members' yet
    client.force_login(world.members[0])
    url = reverse("council:session_list")
    client.get(url)

    with django_assert_num_queries(3):
        response = client.get(url)

    assert len(response.context["sessions"]) == count


def test_close_button_shows_each_items_result(client, world):
    session = open_session_of(world, nominations=world.nominations[:1])
    client.force_login(world.secretary)

    response = client.post(reverse("council:session_close", args=[session.pk]), follow=True)

    session.refresh_from_db()
    assert session.state == SessionState.CLOSED
    assert "Đã kết thúc phiên họp" in response.text
    assert "Đồng ý 0, không đồng ý 0, không biểu quyết 0" in response.text
    assert response.context["can_close"] is False and response.context["can_edit"] is False


def test_members_see_the_results_once_closed(client, world):
    session = open_session_of(world, nominations=world.nominations[:1])
    close_session(session, by=world.staff)
    client.force_login(world.members[0])

    response = client.get(reverse("council:session_vote", args=[session.pk]))

    assert response.context["can_vote"] is False
    assert "Không đạt" in response.text
