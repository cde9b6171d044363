"""PostgreSQL's unaccent extension, for the library's accent-insensitive full-text
search (``practices.selectors.search_practices``).  Django's operation does nothing on
other databases (SQLite falls back to the folded ``search_text``)."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [UnaccentExtension()]
