from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

from .checks import check_file_delivery, check_site_url, check_trusted_proxies


class CommonConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "common"
    verbose_name = _("Dùng chung")

    def ready(self):
        # circular: common.activity imports models, which need the app registry ready here
        from .activity import discover_actions
        from .cache import install_write_watch, watch_tables
        from .models import Notification
        from .selectors import NOTIFICATIONS_NAMESPACE

        discover_actions()
        install_write_watch()
        watch_tables(NOTIFICATIONS_NAMESPACE, Notification._meta.db_table)
        checks.register(check_site_url, "site")
        checks.register(check_trusted_proxies, "security")
        checks.register(check_file_delivery, "files")
