from .campaigns import Campaign, Registration
from .indicators import Indicator, RegistrationTarget
from .launches import LaunchDelivery, LaunchRun
from .notices import Notice, NoticeBatch
from .reminders import Reminder, ReminderRule

__all__ = [
    "Campaign",
    "Indicator",
    "LaunchDelivery",
    "LaunchRun",
    "Notice",
    "NoticeBatch",
    "Registration",
    "RegistrationTarget",
    "Reminder",
    "ReminderRule",
]
