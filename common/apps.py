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

        discover_actions()
        checks.register(check_site_url, "site")
        checks.register(check_trusted_proxies, "security")
        checks.register(check_file_delivery, "files")
