"""Factories for the common app: the activity log, notifications, user preferences, the outbox."""

import datetime

import factory
from django.contrib.contenttypes.models import ContentType

from awards.enums import NominationState
from common.models import (
    ActivityLog,
    EmailMode,
    Holiday,
    Notification,
    OutboxMessage,
    UserPreference,
)

from .auth import UserFactory
from .awards import NominationFactory


class ActivityLogFactory(factory.django.DjangoModelFactory):
    """A nomination submitted by a user: what ``set_nomination_state`` logs.

    Pass ``target=`` for an entry about another object.
    """

    class Meta:
        model = ActivityLog
        exclude = ("target",)

    target = factory.SubFactory(NominationFactory)
    actor = factory.SubFactory(UserFactory)
    action = "nomination.state"
    content_type = factory.LazyAttribute(
        lambda o: ContentType.objects.get_for_model(o.target, for_concrete_model=False)
    )
    object_id = factory.LazyAttribute(lambda o: str(o.target.pk))
    object_repr = factory.LazyAttribute(lambda o: str(o.target)[:255])
    previous_state = NominationState.DRAFT
    new_state = NominationState.SUBMITTED


class NotificationFactory(factory.django.DjangoModelFactory):
    """An unread bell notification, not emailed, tied to no log entry."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    title = "Hồ sơ đã được gửi"
    body = "Hồ sơ đề nghị khen thưởng của đơn vị đã được gửi."


class UserPreferenceFactory(factory.django.DjangoModelFactory):
    """A user who chose the default: an email for each notification."""

    class Meta:
        model = UserPreference

    user = factory.SubFactory(UserFactory)
    email_mode = EmailMode.IMMEDIATE


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    """A task message recorded in the outbox and not yet handed to the broker."""

    class Meta:
        model = OutboxMessage

    task_name = "awards.notify_nomination_change"
    kwargs = factory.Sequence(lambda n: {"activity_id": n + 1})


class HolidayFactory(factory.django.DjangoModelFactory):
    """A weekday off in 2030 (a year the seeded calendar leaves alone)."""

    class Meta:
        model = Holiday
        django_get_or_create = ("date",)

    date = factory.Sequence(lambda n: datetime.date(2030, 1, 2) + datetime.timedelta(days=n))
    name = "Ngày nghỉ thử"
