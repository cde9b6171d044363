from .campaigns import Campaign, Registration
from .indicators import Indicator, RegistrationTarget
from .launches import LaunchDelivery, LaunchRun
from .notices import Notice, NoticeBatch
from .reminders import Reminder, ReminderRule
from .reports import ProgressReport, ReportAttachment, ReportFigure, ReportingRound
from .reviews import CampaignReview

__all__ = [
    "Campaign",
    "CampaignReview",
    "Indicator",
    "LaunchDelivery",
    "LaunchRun",
    "Notice",
    "ProgressReport",
    "NoticeBatch",
    "Registration",
    "RegistrationTarget",
    "Reminder",
    "ReportAttachment",
    "ReportFigure",
    "ReportingRound",
    "ReminderRule",
]
