"""NoticeBatch inherits common.jobs.Job.

It gains the job's ``started_at`` (empty for the batches made before); its
other columns stay as they were (the state values are JobState's already, so
no row changes), and the label of the progress count becomes the job's own.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0004_notice_batch_sweep"),
    ]

    operations = [
        migrations.AddField(
            model_name="noticebatch",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="bắt đầu lúc"),
        ),
        migrations.AlterField(
            model_name="noticebatch",
            name="done",
            field=models.PositiveIntegerField(default=0, verbose_name="đã xử lý"),
        ),
    ]
