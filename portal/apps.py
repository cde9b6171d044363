from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top layer: what spans the apps (home pages, the demo).  Nothing imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from common.cache import DATA_NAMESPACE, watch_tables  # as the other apps' ready()

        # Every table the portal's pages read: its own apps' and the users and groups.
        # Left out: what a page never shows (sessions, sign-in attempts, the beat's
        # schedule) and the task outbox, written at every enqueue and relay (the
        # staff home's warning about it varies its cached page on its own).
        own = {app.label for app in apps.get_app_configs() if app.name in settings.OWN_APPS}
        outbox = apps.get_model("common", "OutboxMessage")
        tables = [
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if (model._meta.app_label in own or model._meta.app_label == "auth")
            and model is not outbox
        ]
        watch_tables(DATA_NAMESPACE, *tables)
