"""The council app in the admin: rules editable; ballots say who, votes say what, and
no page of either links the two."""

import pytest

from council.enums import Choice
from council.models import Ballot, Vote, VotingRule
from council.services.voting import cast_votes
from tests.conftest import admin_url

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def voted(world, open_session):
    item = open_session.items.order_by("position").first()
    for index, member in enumerate(world.members):
        choice = Choice.AGREE if index % 2 else Choice.DISAGREE
        cast_votes(open_session, {item.pk: choice}, by=member, secret=str(index) * 43)
    return item


def test_vote_list_shows_choices_without_voters_hashes_or_links(superuser_client, world, voted):
    html = superuser_client.get(admin_url(Vote, "changelist")).text

    assert html.count("Không đồng ý") >= 3
    for member in world.members:
        assert member.username not in html
    for token in Vote.objects.values_list("token_hash", flat=True):
        assert token not in html
    assert "/council/vote/" not in html.split('id="result_list"')[1]


def test_vote_page_shows_no_hash(superuser_client, voted):
    vote = Vote.objects.first()

    html = superuser_client.get(admin_url(Vote, "change", vote.pk)).text

    assert vote.token_hash not in html
    assert "token_hash" not in html


def test_ballot_list_shows_who_voted_never_how(superuser_client, world, voted):
    html = superuser_client.get(admin_url(Ballot, "changelist")).text

    assert all(member.username in html for member in world.members)
    body = html.split('id="result_list"')[1]
    assert "Không đồng ý" not in body
    assert "Đồng ý" not in body.replace("Không đồng ý", "")


def test_votes_and_ballots_cannot_be_added_changed_or_deleted(superuser_client, voted):
    vote = Vote.objects.first()
    assert superuser_client.get(admin_url(Vote, "add")).status_code == 403
    assert superuser_client.post(admin_url(Vote, "delete", vote.pk)).status_code == 403
    assert Vote.objects.count() == 5


def test_voting_rule_is_edited_in_the_admin(superuser_client):
    rule = VotingRule.objects.first()

    response = superuser_client.get(admin_url(VotingRule, "change", rule.pk))

    assert response.status_code == 200
    assert "chưa đối chiếu được" in response.text
