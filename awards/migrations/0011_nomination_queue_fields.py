"""What the review queue sorts and shows, kept on the nomination.

Adds ``achieved_at`` / ``achieved_on`` (the earliest linked achievement's moment
and day) and ``is_pinned`` (fast track, submitted or in review), fills them from
the data already there, and adds the indexes of the queue's order.  The fill is
one UPDATE of the same values each time: running it again changes nothing.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Subquery

import awards.models.nominations

#: ``awards.enums.NOMINATION_OPEN_STATES`` as of this migration.
OPEN_STATES = ("submitted", "inreview")


def fill_queue_fields(apps, schema_editor):
    Nomination = apps.get_model("awards", "Nomination")
    Achievement = apps.get_model("awards", "Achievement")

    def earliest(field):
        linked = Achievement.objects.filter(
            nominations=OuterRef("pk"), **{f"{field}__isnull": False}
        )
        return Subquery(linked.order_by(field).values(field)[:1])

    Nomination.objects.update(
        achieved_at=earliest("occurred_at"),
        achieved_on=earliest("date"),
        is_pinned=ExpressionWrapper(
            Q(is_fast_track=True, state__in=OPEN_STATES), output_field=BooleanField()
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0010_sweep_by_common_jobs"),
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
        migrations.RunPython(fill_queue_fields, migrations.RunPython.noop),
    ]
