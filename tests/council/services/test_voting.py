"""The secret e-ballot: casting, changing, recusing, who may, and one vote per member per
item (under concurrency on PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from common.models import ActivityLog
from council.activity import SESSION_RECUSAL
from council.enums import BallotKind, Choice, SessionState, VoteSource
from council.models import Ballot, Vote
from council.services.errors import CouncilError
from council.services.voting import cast_votes, my_choices, recuse, token_hash
from tests.council.conftest import open_session_of

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

SECRET = "a" * 43
OTHER_BROWSER = "b" * 43


def _items(session):
    return list(session.items.order_by("position"))


def test_cast_writes_a_ballot_and_an_anonymous_vote_and_no_log(world, open_session):
    item = _items(open_session)[0]
    member = world.members[0]
    logged = ActivityLog.objects.count()

    cast_votes(open_session, {item.pk: Choice.AGREE}, by=member, secret=SECRET)

    assert list(Ballot.objects.values_list("item", "member", "kind")) == [
        (item.pk, member.pk, BallotKind.VOTED)
    ]
    assert list(Vote.objects.values_list("item", "choice", "source", "token_hash")) == [
        (item.pk, Choice.AGREE, VoteSource.ELECTRONIC, token_hash(SECRET, member, item))
    ]
    assert ActivityLog.objects.count() == logged


def test_cast_on_the_whole_list_at_once(world, open_session):
    items = _items(open_session)

    cast_votes(
        open_session, {i.pk: Choice.ABSTAIN for i in items}, by=world.members[1], secret=SECRET
    )

    assert Ballot.objects.filter(member=world.members[1]).count() == 3
    assert sorted(Vote.objects.values_list("item", "choice")) == sorted(
        (i.pk, Choice.ABSTAIN) for i in items
    )


def test_change_from_the_same_browser_replaces_the_vote(world, open_session):
    item = _items(open_session)[0]
    member = world.members[0]
    cast_votes(open_session, {item.pk: Choice.AGREE}, by=member, secret=SECRET)

    cast_votes(open_session, {item.pk: Choice.DISAGREE}, by=member, secret=SECRET)

    assert list(Vote.objects.values_list("choice", flat=True)) == [Choice.DISAGREE]
    assert Ballot.objects.count() == 1
    assert my_choices(open_session, member=member, secret=SECRET) == {item.pk: Choice.DISAGREE}


def test_change_from_another_browser_is_refused_and_changes_nothing(world, open_session):
    item = _items(open_session)[0]
    member = world.members[0]
    cast_votes(open_session, {item.pk: Choice.AGREE}, by=member, secret=SECRET)

    with pytest.raises(CouncilError, match="trên một trình duyệt khác"):
        cast_votes(open_session, {item.pk: Choice.DISAGREE}, by=member, secret=OTHER_BROWSER)

    assert list(Vote.objects.values_list("choice", flat=True)) == [Choice.AGREE]
    assert my_choices(open_session, member=member, secret=OTHER_BROWSER) == {}


def test_another_member_cannot_read_or_change_a_vote_with_the_same_secret(world, open_session):
    item = _items(open_session)[0]
    cast_votes(open_session, {item.pk: Choice.AGREE}, by=world.members[0], secret=SECRET)

    cast_votes(open_session, {item.pk: Choice.DISAGREE}, by=world.members[1], secret=SECRET)

    assert sorted(Vote.objects.values_list("choice", flat=True)) == [
        Choice.AGREE,
        Choice.DISAGREE,
    ]
    assert my_choices(open_session, member=world.members[0], secret=SECRET) == {
        item.pk: Choice.AGREE
    }


def test_each_write_gives_every_vote_of_the_item_a_new_key(world, open_session):
    item = _items(open_session)[0]
    cast_votes(open_session, {item.pk: Choice.AGREE}, by=world.members[0], secret=SECRET)
    cast_votes(open_session, {item.pk: Choice.AGREE}, by=world.members[1], secret=OTHER_BROWSER)
    before = set(Vote.objects.values_list("pk", flat=True))

    cast_votes(open_session, {item.pk: Choice.DISAGREE}, by=world.members[2], secret="c" * 43)

    after = set(Vote.objects.values_list("pk", flat=True))
    assert len(after) == 3
    assert before & after == set()


def test_recused_member_is_refused_and_nothing_is_written(world, open_session):
    first, second, _third = _items(open_session)
    member = world.members[2]
    recuse(first, by=member)

    with pytest.raises(CouncilError, match="xung đột lợi ích"):
        cast_votes(
            open_session,
            {first.pk: Choice.AGREE, second.pk: Choice.AGREE},
            by=member,
            secret=SECRET,
        )

    assert Vote.objects.count() == 0
    assert list(Ballot.objects.values_list("item", "kind")) == [(first.pk, BallotKind.RECUSED)]
    entry = ActivityLog.objects.get(action=SESSION_RECUSAL)
    assert (entry.actor, entry.data) == (member, {"item": first.pk})


def test_recusal_after_voting_is_refused(world, open_session):
    item = _items(open_session)[0]
    cast_votes(open_session, {item.pk: Choice.AGREE}, by=world.members[0], secret=SECRET)

    with pytest.raises(CouncilError, match="đã bỏ phiếu hoặc đã báo"):
        recuse(item, by=world.members[0])
    assert list(Ballot.objects.values_list("kind", flat=True)) == [BallotKind.VOTED]


def test_only_voting_members_vote(world, open_session):
    item = _items(open_session)[0]
    for user in (world.secretary, world.staff, world.outsider):
        with pytest.raises(CouncilError, match="không có quyền bỏ phiếu"):
            cast_votes(open_session, {item.pk: Choice.AGREE}, by=user, secret=SECRET)
    assert Ballot.objects.count() == Vote.objects.count() == 0


def test_a_member_whose_seat_ended_before_the_meeting_cannot_vote(world, open_session):
    seat = world.council.memberships.get(user=world.members[0])
    seat.end_date = timezone.localdate() - datetime.timedelta(days=1)
    seat.save()
    item = _items(open_session)[0]

    with pytest.raises(CouncilError, match="không có quyền bỏ phiếu"):
        cast_votes(open_session, {item.pk: Choice.AGREE}, by=world.members[0], secret=SECRET)
    assert Vote.objects.count() == 0


def test_no_vote_outside_the_window_or_in_a_draft_or_paper_session(world):
    now = timezone.now()
    sessions = [
        open_session_of(world, votes_open_at=now + datetime.timedelta(hours=1)),
        open_session_of(
            world,
            votes_close_at=now - datetime.timedelta(minutes=1),
            votes_open_at=now - datetime.timedelta(hours=2),
        ),
        open_session_of(world, state=SessionState.DRAFT),
        open_session_of(world, is_paper=True),
    ]
    for session in sessions:
        item = session.items.first()
        with pytest.raises(CouncilError, match="không trong thời gian bỏ phiếu"):
            cast_votes(session, {item.pk: Choice.AGREE}, by=world.members[0], secret=SECRET)
    assert Vote.objects.count() == 0


def test_an_item_of_another_session_is_refused(world, open_session):
    other = open_session_of(world)
    item = other.items.first()

    with pytest.raises(CouncilError, match="không thuộc phiên họp này"):
        cast_votes(open_session, {item.pk: Choice.AGREE}, by=world.members[0], secret=SECRET)
    assert Vote.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_one_member_voting_twice_at_once_from_two_browsers_counts_once(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    session = open_session_of(world)
    item = session.items.first()
    member = world.members[0]
    barrier = threading.Barrier(4)
    outcomes = []

    def vote(secret):
        try:
            barrier.wait()
            cast_votes(session, {item.pk: Choice.AGREE}, by=member, secret=secret)
            outcomes.append("ok")
        except CouncilError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(str(i) * 43,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]
    assert Ballot.objects.filter(item=item, member=member).count() == 1
    assert Vote.objects.filter(item=item).count() == 1


@pytest.mark.django_db(transaction=True)
def test_many_members_voting_at_once_are_all_counted(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    session = open_session_of(world)
    items = list(session.items.all())
    barrier = threading.Barrier(len(world.members))
    errors = []

    def vote(member):
        try:
            barrier.wait()
            cast_votes(
                session, {i.pk: Choice.AGREE for i in items}, by=member, secret=f"{member.pk:043d}"
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(m,)) for m in world.members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert [Vote.objects.filter(item=i).count() for i in items] == [5, 5, 5]
