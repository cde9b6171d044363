from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self):
        # circular: the models need the app registry, ready only now
        from django.apps import apps

        from common.cache import watch_tables
        from units.models import Individual, Unit

        from .models import AwardType, Nomination
        from .selectors import QUEUE_FILTER_NAMESPACE, QUEUE_NAMESPACE
        from .statistics import STATISTICS_NAMESPACE

        # The queue's rows show and filter on the nomination (state, dates, what it
        # keeps of its achievements, where it waits), its person or collective, the
        # units (names, paths, levels) and the award type.  Its filter form lists the
        # award types and the campaigns, and names the chosen unit.
        watch_tables(
            QUEUE_NAMESPACE,
            Nomination._meta.db_table,
            Individual._meta.db_table,
            Unit._meta.db_table,
            AwardType._meta.db_table,
        )
        watch_tables(
            QUEUE_FILTER_NAMESPACE,
            Unit._meta.db_table,
            AwardType._meta.db_table,
            apps.get_model("campaign", "Campaign")._meta.db_table,
        )
        # The statistics count the nominations (sent, awarded, amounts, the days to
        # award) by their person, nominating unit (name, path), award type and campaign.
        watch_tables(
            STATISTICS_NAMESPACE,
            Nomination._meta.db_table,
            Individual._meta.db_table,
            Unit._meta.db_table,
            AwardType._meta.db_table,
            apps.get_model("campaign", "Campaign")._meta.db_table,
        )
