from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    """The public honour board (bảng vàng): who was honoured, read from the awards."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "honours"
    verbose_name = _("Bảng vàng")
