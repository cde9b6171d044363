"""Vote secrecy by inspection: no table links a vote to a member or to a moment, the
database keeps one ballot per member per item, and a write leaves no order behind."""

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models

from council.enums import Choice
from council.models import Ballot, Vote
from council.services.voting import cast_votes
from tests.factories import BallotFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _fields(model):
    return {f.name for f in model._meta.get_fields() if f.concrete}


def test_a_vote_names_no_user_no_ballot_and_no_moment():
    assert _fields(Vote) == {"id", "item", "choice", "source", "token_hash"}
    assert Vote._meta.pk.get_internal_type() == "UUIDField"
    assert Vote._meta.ordering == ["id"]


def test_a_ballot_says_who_took_part_never_how_nor_when():
    assert _fields(Ballot) == {"id", "item", "member", "kind"}


def test_no_model_of_the_project_links_votes_to_users_or_ballots():
    user_model = apps.get_model("auth", "User")
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not field.is_relation or not field.concrete:
                continue
            if model is Vote:
                assert field.related_model not in (user_model, Ballot)
            assert not (model is not Vote and field.related_model is Vote), model


def test_no_timestamp_on_votes_or_ballots():
    for model in (Vote, Ballot):
        kinds = {type(f) for f in model._meta.concrete_fields}
        assert not kinds & {models.DateTimeField, models.DateField}, model


def test_the_database_keeps_one_ballot_per_member_per_item():
    ballot = BallotFactory()

    with pytest.raises(IntegrityError):
        Ballot.objects.create(item=ballot.item, member=ballot.member, kind=ballot.kind)


def test_after_a_vote_all_votes_of_the_item_share_one_transaction_id(world, open_session):
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's")
    item = open_session.items.first()
    for index, member in enumerate(world.members):
        cast_votes(open_session, {item.pk: Choice.AGREE}, by=member, secret=str(index) * 43)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(DISTINCT xmin::text) FROM council_vote WHERE item_id = %s", [item.pk]
        )
        (distinct,) = cursor.fetchone()

    assert distinct == 1
