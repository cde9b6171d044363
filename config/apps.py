"""Vietnamese names in the admin for the third-party apps that show there.

django-celery-beat and django-axes name their apps and models in English and ship no
Vietnamese catalogue.  These AppConfig subclasses (listed in ``INSTALLED_APPS`` in place
of the packages' own) rename them after the packages are loaded: the packages' files stay
untouched, so an upgrade keeps the names, and a renamed or removed model fails loudly at
start-up instead of silently turning English again.  Only display names change: the
migration autodetector reads a model's declared Meta, not these, so no migration follows.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django_celery_beat.apps import BeatConfig

#: app label -> model name -> (verbose_name, verbose_name_plural)
MODEL_NAMES = {
    "django_celery_beat": {
        "periodictask": (_("tác vụ định kỳ"), _("tác vụ định kỳ")),
        "crontabschedule": (_("lịch theo giờ, ngày (cron)"), _("lịch theo giờ, ngày (cron)")),
        "intervalschedule": (_("lịch lặp theo khoảng"), _("lịch lặp theo khoảng")),
        "clockedschedule": (_("lịch chạy một lần"), _("lịch chạy một lần")),
        "solarschedule": (_("lịch theo mặt trời"), _("lịch theo mặt trời")),
    },
    "axes": {
        "accessattempt": (_("lần đăng nhập sai gần đây"), _("lần đăng nhập sai gần đây")),
        "accesslog": (_("nhật ký đăng nhập"), _("nhật ký đăng nhập")),
        "accessfailurelog": (_("lần đăng nhập sai"), _("nhật ký đăng nhập sai")),
        "accessattemptexpiration": (_("hạn khóa đăng nhập"), _("hạn khóa đăng nhập")),
    },
}


def rename_models(app_label: str) -> None:
    for model_name, (singular, plural) in MODEL_NAMES[app_label].items():
        options = apps.get_model(app_label, model_name)._meta
        options.verbose_name = singular
        options.verbose_name_plural = plural


class PeriodicTasksConfig(BeatConfig):
    verbose_name = _("Lịch tác vụ định kỳ")

    def ready(self):
        super().ready()
        rename_models(self.label)


class LoginProtectionConfig(AxesAppConfig):
    verbose_name = _("Chống dò mật khẩu")

    def ready(self):
        super().ready()
        rename_models(self.label)
