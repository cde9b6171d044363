"""Factories for the campaign app."""

import datetime

import factory
from django_celery_beat.models import CrontabSchedule

from campaign.enums import CampaignKind, CampaignStatus, ReminderKind, ReviewKind, RoundKind
from campaign.models import (
    Campaign,
    CampaignReview,
    Indicator,
    LaunchDelivery,
    LaunchRun,
    Notice,
    NoticeBatch,
    ProgressReport,
    Registration,
    RegistrationTarget,
    Reminder,
    ReminderRule,
    ReportAttachment,
    ReportFigure,
    ReportingRound,
)
from common.text import fold
from units.enums import UnitLevel

from .auth import UserFactory
from .units import UnitFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Phong trào thi đua {n}")
    plan_number = factory.Sequence(lambda n: str(1000 + n))
    plan_symbol = "KH-UBND"
    issuing_unit = factory.SubFactory(UnitFactory, level=UnitLevel.PROVINCE)
    kind = CampaignKind.THEMATIC
    start_date = datetime.date(2021, 9, 1)
    status = CampaignStatus.LAUNCHED
    search_name = factory.LazyAttribute(
        lambda o: fold(f"{o.title} {o.plan_number}/{o.plan_symbol}")
    )


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    targets = "100% cán bộ tiêm đủ mũi vắc xin"


# --- Indicators ---------------------------------------------------------------------------------


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A count of people, on a launched campaign."""

    class Meta:
        model = Indicator

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Số người được tiêm vắc xin {n}")
    measure = "người"


class RegistrationTargetFactory(factory.django.DjangoModelFactory):
    """A unit's target for an indicator of the campaign it registered for."""

    class Meta:
        model = RegistrationTarget

    registration = factory.SubFactory(RegistrationFactory)
    indicator = factory.SubFactory(
        IndicatorFactory, campaign=factory.SelfAttribute("..registration.campaign")
    )
    value = 100


# --- Reporting rounds and progress reports ----------------------------------------------------


class ReportingRoundFactory(factory.django.DjangoModelFactory):
    """The first quarter of 2021, due on 10 April, open."""

    class Meta:
        model = ReportingRound

    campaign = factory.SubFactory(CampaignFactory)
    kind = RoundKind.QUARTER
    title = factory.Sequence(lambda n: f"Quý I/2021 ({n})")
    period_start = datetime.date(2021, 1, 1)
    period_end = datetime.date(2021, 3, 31)
    due_date = datetime.date(2021, 4, 10)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    round = factory.SubFactory(ReportingRoundFactory)
    unit = factory.SubFactory(UnitFactory)
    narrative = "Đã tổ chức tiêm vắc xin cho cán bộ."


class ReportFigureFactory(factory.django.DjangoModelFactory):
    """A figure for an indicator of the report's campaign."""

    class Meta:
        model = ReportFigure

    report = factory.SubFactory(ProgressReportFactory)
    indicator = factory.SubFactory(
        IndicatorFactory, campaign=factory.SelfAttribute("..report.round.campaign")
    )
    value = 50


class ReportAttachmentFactory(factory.django.DjangoModelFactory):
    """A PDF attached to a report, stored as the upload checks would store it."""

    class Meta:
        model = ReportAttachment

    report = factory.SubFactory(ProgressReportFactory)
    file = factory.django.FileField(filename="bao-cao.pdf", data=b"%PDF-1.4 report")
    original_name = "Báo cáo quý I.pdf"
    content_type = "application/pdf"
    size = 15


# --- Launches ---------------------------------------------------------------------------------


class LaunchRunFactory(factory.django.DjangoModelFactory):
    """A launch of a campaign by its own issuer, not run yet."""

    class Meta:
        model = LaunchRun

    campaign = factory.SubFactory(CampaignFactory)
    issuer = factory.LazyAttribute(lambda o: o.campaign.issuing_unit)
    place = "Bến Tre"
    date = datetime.date(2021, 6, 15)
    signer_name = "Nguyễn Văn Bé"
    signer_title = "CHỦ TỊCH"


class CampaignReviewFactory(factory.django.DjangoModelFactory):
    """A sơ kết of the campaign's first half-year by its own issuer, not built yet."""

    class Meta:
        model = CampaignReview

    campaign = factory.SubFactory(CampaignFactory)
    kind = ReviewKind.INTERIM
    period_start = datetime.date(2021, 1, 1)
    period_end = datetime.date(2021, 6, 30)
    issuer = factory.LazyAttribute(lambda o: o.campaign.issuing_unit)
    year = 2021
    number = factory.Sequence(lambda n: n + 1)
    symbol = "BC-UBND"
    place = "Bến Tre"
    date = datetime.date(2021, 7, 5)
    signer_name = "Nguyễn Văn Bé"
    signer_title = "CHỦ TỊCH"
    total = 3


class LaunchDeliveryFactory(factory.django.DjangoModelFactory):
    """A unit a run tells, not told yet."""

    class Meta:
        model = LaunchDelivery

    run = factory.SubFactory(LaunchRunFactory)
    campaign = factory.LazyAttribute(lambda o: o.run.campaign)
    unit = factory.SubFactory(UnitFactory)


# --- Notices and reminders (one factory per model) ------------------------------------------


class NoticeBatchFactory(factory.django.DjangoModelFactory):
    """A batch of notices issued by the campaign's own issuer, not made yet."""

    class Meta:
        model = NoticeBatch

    campaign = factory.SubFactory(CampaignFactory)
    issuer = factory.LazyAttribute(lambda o: o.campaign.issuing_unit)
    place = "Bến Tre"
    date = datetime.date(2021, 11, 1)
    signer_name = "Nguyễn Văn Bé"
    signer_title = "TRƯỞNG BAN"


class NoticeFactory(factory.django.DjangoModelFactory):
    """One unit's letter, owing its nominations by a date, not rendered yet."""

    class Meta:
        model = Notice

    batch = factory.SubFactory(NoticeBatchFactory)
    unit = factory.SubFactory(UnitFactory)
    items = factory.LazyFunction(
        lambda: [
            {
                "kind": "nomination",
                "text": "Hồ sơ đề nghị khen thưởng",
                "deadline": "2021-11-15",
            }
        ]
    )


class CrontabScheduleFactory(factory.django.DjangoModelFactory):
    """Every day at 7:00 (django-celery-beat's model, which every rule needs)."""

    class Meta:
        model = CrontabSchedule

    minute = "0"
    hour = "7"


class ReminderRuleFactory(factory.django.DjangoModelFactory):
    """An enabled nomination-deadline rule, 7 and 2 days ahead, with no beat entry yet
    (``campaign.services.schedules.sync_rule_schedule`` makes one)."""

    class Meta:
        model = ReminderRule

    name = factory.Sequence(lambda n: f"Nhắc hạn gửi hồ sơ {n}")
    kind = ReminderKind.NOMINATION_DEADLINE
    offsets = "7, 2"
    subject = "Còn {{ so_ngay_con_lai }} ngày đến hạn gửi hồ sơ – {{ don_vi }}"
    body = "Kính gửi {{ nguoi_nhan }}"
    schedule = factory.SubFactory(CrontabScheduleFactory)


class ReminderFactory(factory.django.DjangoModelFactory):
    """A pending email to a unit's officer, 7 days before the campaign's nomination deadline."""

    class Meta:
        model = Reminder

    rule = factory.SubFactory(ReminderRuleFactory)
    recipient = factory.SubFactory(UserFactory)
    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    object_key = factory.LazyAttribute(lambda o: f"campaign:{o.campaign.pk}/unit:{o.unit.pk}")
    period = "deadline:2021-11-15/7"
    subject = "Còn 7 ngày đến hạn gửi hồ sơ đề nghị khen thưởng"
    body_text = "Kính gửi đồng chí, còn 7 ngày đến hạn gửi hồ sơ đề nghị khen thưởng."
