from .campaigns import Campaign, Registration
from .launches import LaunchDelivery, LaunchRun
from .notices import Notice, NoticeBatch
from .reminders import Reminder, ReminderRule

__all__ = [
    "Campaign",
    "LaunchDelivery",
    "LaunchRun",
    "Notice",
    "NoticeBatch",
    "Registration",
    "Reminder",
    "ReminderRule",
]
