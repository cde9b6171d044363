"""Reminder notices (công văn đôn đốc) for late units: staff pages."""
