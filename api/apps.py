from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("API cho hệ thống của đơn vị")

    def ready(self):
        # circular: the schema extension names the authentication class by its path,
        # and drf-spectacular registers extensions when their module is imported.
        from . import schema  # noqa: F401
