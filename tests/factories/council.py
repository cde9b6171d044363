"""Factories for the council app: voting rules, sessions, agenda items, ballots, votes."""

import datetime
import uuid
from decimal import Decimal

import factory
from django.utils import timezone

from council.enums import (
    BallotKind,
    Choice,
    Comparison,
    Denominator,
    SessionState,
    VoteMethod,
    VoteSource,
)
from council.models import (
    AgendaItem,
    Ballot,
    Minutes,
    PaperCount,
    Session,
    SessionMaterial,
    Vote,
    VotingRule,
)

from .auth import UserFactory
from .awards import AwardTypeFactory, NominationFactory
from .units import CouncilFactory


class VotingRuleFactory(factory.django.DjangoModelFactory):
    """A secret ballot, 90 % of all members, no quorum, written opinions counted."""

    class Meta:
        model = VotingRule
        django_get_or_create = ("award_type", "effective_from")

    award_type = factory.SubFactory(AwardTypeFactory)
    method = VoteMethod.SECRET_BALLOT
    denominator = Denominator.ALL_MEMBERS
    threshold_percent = Decimal("90")
    comparison = Comparison.AT_LEAST
    quorum_percent = Decimal("0")
    absentee_written_counts = True
    effective_from = datetime.date(2025, 7, 1)
    legal_basis = "Quy định thử nghiệm"
    verified = True


class SessionFactory(factory.django.DjangoModelFactory):
    """A draft session of a provincial council; its window runs from an hour ago for a day."""

    class Meta:
        model = Session

    council = factory.SubFactory(CouncilFactory)
    title = "Xét danh hiệu Chiến sĩ thi đua cấp tỉnh"
    meeting_at = factory.LazyFunction(timezone.now)
    place = "Phòng họp số 1, Ủy ban nhân dân tỉnh"
    votes_open_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    votes_close_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
    state = SessionState.DRAFT


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    nomination = factory.SubFactory(NominationFactory)
    rule = factory.SubFactory(
        VotingRuleFactory, award_type=factory.SelfAttribute("..nomination.award_type")
    )
    position = factory.Sequence(lambda n: n + 1)


class BallotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ballot

    item = factory.SubFactory(AgendaItemFactory)
    member = factory.SubFactory(UserFactory)
    kind = BallotKind.VOTED


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    item = factory.SubFactory(AgendaItemFactory)
    choice = Choice.AGREE
    source = VoteSource.ELECTRONIC
    token_hash = factory.LazyFunction(lambda: uuid.uuid4().hex * 2)


class PaperCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaperCount

    item = factory.SubFactory(AgendaItemFactory)
    agree = 0
    disagree = 0
    abstain = 0


class SessionMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionMaterial

    session = factory.SubFactory(SessionFactory)
    title = "Tờ trình của Ban Thi đua – Khen thưởng"
    file = factory.django.FileField(filename="to-trinh.pdf", data=b"%PDF-1.4 test")
    original_name = "Tờ trình.pdf"
    content_type = "application/pdf"
    size = 13


class MinutesFactory(factory.django.DjangoModelFactory):
    """Pending minutes of a closed session, number 1 of its meeting's year."""

    class Meta:
        model = Minutes

    session = factory.SubFactory(SessionFactory, state=SessionState.CLOSED)
    number = 1
    year = factory.LazyAttribute(lambda o: o.session.meeting_at.year)
