"""Reminder log, rules and send-now pages for provincial staff."""
