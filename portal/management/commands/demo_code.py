"""``manage.py demo_code``: the code an authenticator app holding the demo's published
key shows now, for signing in to the demo's admin, staff and council accounts without
a phone. The key is the demo's only (``portal/demo/data.py``); real accounts each have
their own, which no command shows."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal.demo.second_factor import demo_code


class Command(BaseCommand):
    help = (
        "In mã xác thực hai bước hiện tại của các tài khoản mẫu (admin, staff, Hội đồng), "
        "tính từ khóa TOTP công khai của dữ liệu mẫu."
    )

    def handle(self, *args, **options):
        left = 30 - int(time.time()) % 30
        self.stdout.write(
            _("Mã hiện tại: %(code)s (còn %(left)d giây)") % {"code": demo_code(), "left": left}
        )
