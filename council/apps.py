from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "council"
    verbose_name = _("Hội đồng Thi đua – Khen thưởng")

    def ready(self):
        # The reminder machinery (campaign) may not import this app: it asks for the
        # council's reminder kind through the registry in common.
        from common.reminders import register_finder

        from .services.reminders import KIND, due_vote_reminders

        register_finder(KIND, due_vote_reminders)
