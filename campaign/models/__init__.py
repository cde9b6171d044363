from .campaigns import Campaign, Registration
from .notices import Notice, NoticeBatch
from .reminders import Reminder, ReminderRule

__all__ = ["Campaign", "Notice", "NoticeBatch", "Registration", "Reminder", "ReminderRule"]
