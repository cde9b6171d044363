"""CertificateRun inherits common.jobs.Job.

Its columns stay as they were (the state values are JobState's already, so no
row changes); only the label of the progress count becomes the job's own.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0008_coefficient_history"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificaterun",
            name="done",
            field=models.PositiveIntegerField(default=0, verbose_name="đã xử lý"),
        ),
    ]
