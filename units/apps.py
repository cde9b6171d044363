from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "units"
    verbose_name = _("Đơn vị, cá nhân")

    def ready(self):
        # circular: the models need the app registry, ready only now
        from django.contrib.auth import get_user_model

        from common.cache import watch_tables

        from .models import Council, CouncilMembership, OfficerMembership, Unit
        from .rules import ROLES_NAMESPACE

        # What units.rules.roles_of reads: the user (is_superuser), the staff group,
        # the councils and seats, the memberships and their units' paths and levels.
        # A new user, group, council or unit changes nobody's roles until a membership
        # (or a seat, or a group's member) is written, which is watched with inserts.
        user = get_user_model()
        watch_tables(
            ROLES_NAMESPACE,
            user.groups.through._meta.db_table,
            CouncilMembership._meta.db_table,
            OfficerMembership._meta.db_table,
        )
        watch_tables(
            ROLES_NAMESPACE,
            user._meta.db_table,
            user.groups.field.related_model._meta.db_table,
            Council._meta.db_table,
            Unit._meta.db_table,
            inserts=False,
        )
