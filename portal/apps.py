from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top layer: what spans the apps (home pages, the demo).  Nothing imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Cổng thông tin")
