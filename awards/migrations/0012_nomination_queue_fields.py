"""What the review queue sorts and shows, kept on the nomination.

Adds ``achieved_at`` / ``achieved_on`` (the earliest linked achievement's moment
and day) and ``is_pinned`` (fast track, submitted or in review), fills them from
the data already there, and adds the indexes of the queue's order.  The fill is
two set-based statements (one grouped pass over the links, not one subquery per
nomination) that write the same values each time: running it again changes
nothing.  ``UPDATE … FROM`` works on PostgreSQL and on SQLite 3.33+.
"""

from django.conf import settings
from django.db import migrations, models

import awards.models.nominations

#: ``awards.enums.NOMINATION_OPEN_STATES`` as of this migration.
OPEN_STATES = ("submitted", "inreview")


def fill_queue_fields(apps, schema_editor):
    Nomination = apps.get_model("awards", "Nomination")
    Achievement = apps.get_model("awards", "Achievement")
    nominations = schema_editor.connection.ops.quote_name(Nomination._meta.db_table)
    achievements = schema_editor.connection.ops.quote_name(Achievement._meta.db_table)
    links = schema_editor.connection.ops.quote_name(
        Nomination._meta.get_field("achievements").remote_field.through._meta.db_table
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {nominations} SET achieved_at = NULL, achieved_on = NULL, "  # noqa: S608 - table names
            f"is_pinned = (is_fast_track AND state IN (%s, %s))",
            OPEN_STATES,
        )
        cursor.execute(
            f"UPDATE {nominations} SET achieved_at = earliest.first_at, "  # noqa: S608 - table names
            f"achieved_on = earliest.first_on FROM ("
            f"SELECT link.nomination_id, MIN(a.occurred_at) AS first_at, MIN(a.date) AS first_on "
            f"FROM {links} link JOIN {achievements} a ON a.id = link.achievement_id "
            f"GROUP BY link.nomination_id) AS earliest "
            f"WHERE earliest.nomination_id = {nominations}.id"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0011_bounded_dates"),
        ("campaign", "0006_sweep_by_common_jobs"),
        ("units", "0004_emulation_lead_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="nomination",
            options={
                "ordering": [
                    models.OrderBy(models.F("is_pinned"), descending=True),
                    models.OrderBy(models.F("submitted_at"), descending=True, nulls_last=True),
                    models.OrderBy(models.F("id"), descending=True),
                ],
                "verbose_name": "hồ sơ đề nghị khen thưởng",
                "verbose_name_plural": "hồ sơ đề nghị khen thưởng",
            },
        ),
        migrations.AddField(
            model_name="nomination",
            name="achieved_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="thời điểm lập thành tích sớm nhất",
            ),
        ),
        migrations.AddField(
            model_name="nomination",
            name="achieved_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="ngày lập thành tích sớm nhất"
            ),
        ),
        migrations.AddField(
            model_name="nomination",
            name="is_pinned",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="ưu tiên đầu danh sách"
            ),
        ),
        # Filled before the indexes exist: one write per row, no index upkeep.
        migrations.RunPython(fill_queue_fields, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="nomination",
            index=awards.models.nominations.NullsLastIndex(
                models.OrderBy(models.F("is_pinned"), descending=True),
                models.OrderBy(models.F("submitted_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                name="nomination_queue",
            ),
        ),
        migrations.AddIndex(
            model_name="nomination",
            index=awards.models.nominations.NullsLastIndex(
                models.F("state"),
                models.OrderBy(models.F("is_pinned"), descending=True),
                models.OrderBy(models.F("submitted_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                name="nomination_queue_state",
            ),
        ),
        migrations.AddIndex(
            model_name="nomination",
            index=awards.models.nominations.NullsLastIndex(
                models.OrderBy(models.F("is_pinned"), descending=True),
                models.OrderBy(models.F("submitted_at"), descending=False, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                name="nomination_queue_sent_asc",
            ),
        ),
        migrations.AddIndex(
            model_name="nomination",
            index=awards.models.nominations.NullsLastIndex(
                models.OrderBy(models.F("is_pinned"), descending=True),
                models.OrderBy(models.F("state_changed_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                name="nomination_queue_changed",
            ),
        ),
        migrations.AddIndex(
            model_name="nomination",
            index=awards.models.nominations.NullsLastIndex(
                models.OrderBy(models.F("is_pinned"), descending=True),
                models.OrderBy(models.F("state_changed_at"), descending=False, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                name="nomination_queue_changed_asc",
            ),
        ),
    ]
