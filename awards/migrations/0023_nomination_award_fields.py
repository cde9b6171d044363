"""What the statistics count of a nomination's award, kept on the nomination.

Adds ``awarded_on`` (the date of the decision in force that awards it: a line not
revoked of an issued decision, else the central decision recorded for it) and
``award_amount`` (that line's bonus, 0 for a central award), and fills them from
the data already there with the rule of ``awards/services/outcomes.py`` as of this
migration.  The fill is one UPDATE that writes the same values each time.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

#: ``DecisionState.ISSUED`` and ``CentralOutcome.AWARDED`` as of this migration.
ISSUED = "issued"
CENTRAL_AWARDED = "awarded"


def fill_award_fields(apps, schema_editor):
    Nomination = apps.get_model("awards", "Nomination")
    Recipient = apps.get_model("awards", "Recipient")
    CentralSubmissionLine = apps.get_model("awards", "CentralSubmissionLine")
    lines = Recipient.objects.filter(
        nomination=OuterRef("pk"), revoked_at__isnull=True, decision__state=ISSUED
    ).order_by("-decision__signed_date", "-id")
    central = CentralSubmissionLine.objects.filter(
        nomination=OuterRef("pk"), outcome=CENTRAL_AWARDED, result__isnull=False
    ).order_by("-result__decision_date", "-id")
    Nomination.objects.update(
        awarded_on=Coalesce(
            Subquery(lines.values("decision__signed_date")[:1]),
            Subquery(central.values("result__decision_date")[:1]),
        ),
        award_amount=Coalesce(Subquery(lines.values("amount")[:1]), Value(0)),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0022_nomination_routing"),
    ]

    operations = [
        migrations.AddField(
            model_name="nomination",
            name="award_amount",
            field=models.PositiveBigIntegerField(
                default=0, editable=False, verbose_name="tiền thưởng (đồng)"
            ),
        ),
        migrations.AddField(
            model_name="nomination",
            name="awarded_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="ngày được khen thưởng"
            ),
        ),
        migrations.RunPython(fill_award_fields, migrations.RunPython.noop),
    ]
