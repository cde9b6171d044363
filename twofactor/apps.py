from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "twofactor"
    verbose_name = _("Xác thực hai bước")

    def ready(self):
        # circular: the receivers read models, which need the app registry ready here
        from . import signals  # noqa: F401
