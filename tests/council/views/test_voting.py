"""The member's ballot page: only the council's voting members, the browser secret in a
cookie of its own, casting and changing, recusal, and the whole list at once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from council.enums import BallotKind, Choice, SessionState
from council.models import Ballot, Vote
from council.views.voting import cookie_name
from tests.council.conftest import open_session_of

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _url(session):
    return reverse("council:session_vote", args=[session.pk])


def test_ballot_page_is_404_for_everyone_but_the_voting_members(client, world, open_session):
    for user in (world.secretary, world.staff, world.outsider):
        client.force_login(user)
        assert client.get(_url(open_session)).status_code == 404
        assert client.post(_url(open_session), {"all": Choice.AGREE}).status_code == 404
    assert Vote.objects.count() == 0


def test_ballot_page_of_a_draft_is_404_for_members(client, world):
    session = open_session_of(world, state=SessionState.DRAFT)
    client.force_login(world.members[0])

    assert client.get(_url(session)).status_code == 404


def test_ballot_page_sets_a_secret_cookie_of_its_own(client, world, open_session):
    member = world.members[0]
    client.force_login(member)

    response = client.get(_url(open_session))

    cookie = response.cookies[cookie_name(member)]
    assert len(cookie.value) >= 32
    assert (cookie["path"], cookie["httponly"], cookie["samesite"]) == (
        "/council/",
        True,
        "Strict",
    )
    assert cookie.value not in str(client.session.items())


def test_vote_on_the_whole_list_then_change_one(client, world, open_session):
    member = world.members[0]
    items = list(open_session.items.order_by("position"))
    client.force_login(member)
    client.get(_url(open_session))  # the browser gets its secret

    response = client.post(_url(open_session), {"all": Choice.AGREE}, follow=True)
    assert "Đã ghi nhận phiếu của bạn cho 3 hồ sơ." in response.text
    assert sorted(Vote.objects.values_list("choice", flat=True)) == [Choice.AGREE] * 3

    data = {f"item_{i.pk}": Choice.AGREE for i in items}
    data[f"item_{items[1].pk}"] = Choice.DISAGREE
    client.post(_url(open_session), data)

    assert sorted(Vote.objects.values_list("choice", flat=True)) == [
        Choice.AGREE,
        Choice.AGREE,
        Choice.DISAGREE,
    ]
    assert Ballot.objects.filter(member=member).count() == 3
    page = client.get(_url(open_session))
    assert [r["mine"] for r in page.context["rows"]] == [
        Choice.AGREE,
        Choice.DISAGREE,
        Choice.AGREE,
    ]


def test_vote_from_another_browser_shows_voted_without_the_choice(client, world, open_session):
    member = world.members[0]
    client.force_login(member)
    client.get(_url(open_session))
    client.post(_url(open_session), {"all": Choice.DISAGREE})
    client.cookies.pop(cookie_name(member))

    page = client.get(_url(open_session))

    assert [(r["done"], r["mine"], r["field"]) for r in page.context["rows"]] == [
        (BallotKind.VOTED, None, None)
    ] * 3
    assert "Không đồng ý" not in page.text.split('id="ballot"')[1]


def test_empty_ballot_is_refused_with_a_message(client, world, open_session):
    client.force_login(world.members[0])

    response = client.post(_url(open_session), {})

    assert "Vui lòng chọn ý kiến cho ít nhất một hồ sơ." in response.text
    assert Vote.objects.count() == 0


def test_recuse_button(client, world, open_session):
    item = open_session.items.order_by("position").first()
    member = world.members[3]
    client.force_login(member)

    response = client.post(
        reverse("council:item_recuse", args=[open_session.pk, item.pk]), follow=True
    )

    assert "bạn không tham gia biểu quyết hồ sơ này" in response.text
    assert list(Ballot.objects.values_list("member", "kind")) == [(member.pk, BallotKind.RECUSED)]


def test_no_voting_after_the_window(client, world):
    now = timezone.now()
    session = open_session_of(
        world,
        votes_open_at=now - datetime.timedelta(hours=2),
        votes_close_at=now - datetime.timedelta(minutes=1),
    )
    client.force_login(world.members[0])

    assert client.get(_url(session)).context["can_vote"] is False
    assert client.post(_url(session), {"all": Choice.AGREE}).status_code == 404
    assert Vote.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_ballot_page_queries_do_not_grow_with_items(
    client, world, django_assert_num_queries, count
):
    session = open_session_of(world, nominations=world.nominations[:count])
    client.force_login(world.members[0])
    client.get(_url(session))

    with django_assert_num_queries(7):
        response = client.get(_url(session))

    assert len(response.context["rows"]) == count
