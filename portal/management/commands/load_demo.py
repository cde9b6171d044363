"""``manage.py load_demo``: fill the database with the Plan 2777 demonstration data."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.demo import data
from portal.demo.loader import DemoError, load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (Kế hoạch 2777/KH-UBND tỉnh Bến Tre): cây đơn vị, cá nhân, phong trào, "
        "hồ sơ đề nghị, quyết định khen thưởng và các tài khoản thử với mật khẩu demo12345. "
        "Chạy lại nhiều lần không tạo dữ liệu trùng. Vì các mật khẩu mẫu, lệnh từ chối chạy khi "
        "DEBUG=False, trừ khi có --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Chạy cả khi DEBUG=False (không dùng trên máy chủ thật: tạo tài khoản mẫu).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "DEBUG đang tắt: dữ liệu mẫu có mật khẩu công khai, không được nạp vào hệ "
                    "thống thật. Dùng --force nếu thật sự cần."
                )
            )
        started = time.monotonic()
        try:
            counts = load_demo()
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.monotonic() - started

        self.stdout.write(self.style.SUCCESS(_("Đã nạp dữ liệu mẫu trong %.1f giây.") % elapsed))
        width = max(len(label) for label in counts)
        for label, count in counts.items():
            self.stdout.write(f"  {label.ljust(width)}  {count}")
        self.stdout.write(_("Tài khoản (mật khẩu: %s):") % data.DEMO_PASSWORD)
        for username, role in (
            ("admin", _("quản trị hệ thống")),
            ("staff", _("Ban Thi đua – Khen thưởng")),
            ("officer1", _("cán bộ thi đua Sở Y tế")),
            ("officer2", _("cán bộ thi đua Công an tỉnh")),
            ("director1", _("Giám đốc Sở Y tế: trình cấp trên, ban hành quyết định của Sở")),
            ("deputy2", _("Phó Giám đốc Công an tỉnh (duyệt, trình cấp trên)")),
            ("council", _("thành viên Hội đồng Thi đua – Khen thưởng tỉnh: có phiếu chờ bầu")),
            ("council2", _("Chủ tịch Hội đồng Thi đua – Khen thưởng tỉnh")),
            ("council3", _("Phó Chủ tịch Hội đồng")),
            ("council4", _("Ủy viên thường trực Hội đồng")),
            ("council5", _("Ủy viên Hội đồng (vắng họp, gửi ý kiến bằng văn bản)")),
            ("chairman", _("Chủ tịch UBND xã Phú Túc: ban hành quyết định của xã")),
        ):
            self.stdout.write(f"  {username.ljust(9)} {role}")
        self.stdout.write(
            _(
                "Xác thực hai bước (admin, staff và các thành viên Hội đồng): khóa TOTP chung "
                "%(secret)s (thêm vào ứng dụng xác thực, hoặc xem mã hiện tại bằng "
                "`python manage.py demo_code`); mã khôi phục: %(codes)s."
            )
            % {"secret": data.DEMO_TOTP_SECRET, "codes": ", ".join(data.DEMO_RECOVERY_CODES)}
        )
