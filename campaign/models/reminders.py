"""Reminder rules (edited in the admin) and the reminders they produce.

A :class:`Reminder` row is at once the outbox and the log.  It is written in
the same transaction that decides a reminder is due, so nothing is lost when
the broker is down; the unique constraint on (rule, recipient, object, period)
makes composing twice (beat firing twice, a task redelivered) add nothing.

A rule's wording is not a Django template: it may hold only ``{{ name }}`` placeholders
from its kind's fixed list (:attr:`ReminderKind.placeholders`), each replaced by plain
text or a number.  Saving refuses anything else (tags, filters, dotted names, unknown
names); a wording already stored that breaks the rule renders its unknown parts as
nothing, so no model attribute, tag or filter is ever evaluated.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from common.mail import stable_message_id

from ..enums import ReminderChannel, ReminderKind, ReminderState

#: Anything template-like: a ``{{ … }}`` variable, a ``{% … %}`` tag or a ``{# … #}`` comment.
TEMPLATE_LIKE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
#: Left over once the template-like parts are taken out: an unclosed ``{{``, ``{%`` or ``{#``.
STRAY_MARK = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def parse_offsets(value: str) -> list[int]:
    """ "7, 2" -> [7, 2]; refuses anything but positive whole numbers."""
    offsets = []
    for part in value.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) == 0:
            raise ValidationError(
                _("“%(part)s” không phải số nguyên dương."), params={"part": part}
            )
        offsets.append(int(part))
    if not offsets:
        raise ValidationError(_("Cần ít nhất một mốc."))
    return sorted(set(offsets), reverse=True)


def validate_offsets(value: str) -> None:
    parse_offsets(value)


def wording_problems(text: str, allowed) -> list[str]:
    """The parts of ``text`` that are not a ``{{ name }}`` with ``name`` in ``allowed``."""
    problems = []
    for match in TEMPLATE_LIKE.finditer(text):
        placeholder = PLACEHOLDER.fullmatch(match.group())
        if placeholder is None or placeholder.group(1) not in allowed:
            problems.append(match.group())
    problems.extend(STRAY_MARK.findall(TEMPLATE_LIKE.sub("", text)))
    return problems


def render_wording(text: str, values: dict) -> str:
    """``text`` with each known ``{{ name }}`` replaced by ``values[name]``; every other
    template-like part becomes nothing.  Nothing is evaluated: values are used as given."""

    def replace(match):
        placeholder = PLACEHOLDER.fullmatch(match.group())
        if placeholder is None or placeholder.group(1) not in values:
            return ""
        return str(values[placeholder.group(1)])

    return TEMPLATE_LIKE.sub(replace, text)


class ReminderRule(models.Model):
    """When to remind whom, in which words.  The schedule is a django-celery-beat crontab."""

    name = models.CharField(_("tên quy tắc"), max_length=200)
    kind = models.CharField(_("loại nhắc việc"), max_length=32, choices=ReminderKind.choices)
    enabled = models.BooleanField(_("đang bật"), default=True)
    offsets = models.CharField(
        _("các mốc"),
        max_length=64,
        validators=[validate_offsets],
        help_text=_(
            "Số ngày, cách nhau bởi dấu phẩy (với hồ sơ khen đột xuất: số giờ). "
            "Ví dụ “7, 2”: trước hạn 7 ngày và 2 ngày; với hồ sơ trả lại: sau 3 ngày."
        ),
    )
    subject = models.CharField(
        _("tiêu đề thư"),
        max_length=255,
        help_text=_("Văn bản thường, có thể chèn các biến {{ ten_bien }} của loại nhắc việc."),
    )
    body = models.TextField(
        _("nội dung"),
        help_text=_("Văn bản thường, có thể chèn các biến {{ ten_bien }} của loại nhắc việc."),
    )
    schedule = models.ForeignKey(
        "django_celery_beat.CrontabSchedule",
        verbose_name=_("lịch chạy"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Khi nào hệ thống quét quy tắc này (theo lịch cron)."),
    )
    periodic_task = models.OneToOneField(
        "django_celery_beat.PeriodicTask",
        verbose_name=_("tác vụ định kỳ"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="reminder_rule",
    )
    last_run_at = models.DateTimeField(_("quét lần cuối"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("quy tắc nhắc việc")
        verbose_name_plural = _("quy tắc nhắc việc")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.kind not in ReminderKind.values:
            return
        allowed = self.kind_enum.placeholders
        errors = {}
        for name in ("subject", "body"):
            problems = wording_problems(getattr(self, name) or "", allowed)
            if problems:
                errors[name] = ValidationError(
                    _(
                        "Không dùng được %(problems)s. Nội dung chỉ là văn bản thường, chèn "
                        "được các biến sau (viết đúng dạng {{ ten_bien }}): %(allowed)s."
                    ),
                    code="wording",
                    params={
                        "problems": ", ".join(f"“{p}”" for p in dict.fromkeys(problems)),
                        "allowed": ", ".join(f"{{{{ {n} }}}}" for n in allowed),
                    },
                )
        if errors:
            raise ValidationError(errors)

    @property
    def wording_is_valid(self) -> bool:
        allowed = self.kind_enum.placeholders
        return not (wording_problems(self.subject, allowed) or wording_problems(self.body, allowed))

    @property
    def offset_list(self) -> list[int]:
        """The offsets, largest first."""
        return parse_offsets(self.offsets)

    @property
    def kind_enum(self) -> ReminderKind:
        return ReminderKind(self.kind)

    @property
    def offset_unit_label(self) -> str:
        if self.kind_enum.offsets_in_hours:
            return pgettext("offset unit", "giờ")
        return pgettext("offset unit", "ngày")


class ReminderQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending rows whose next attempt time has come."""
        now = now or timezone.now()
        return self.filter(state=ReminderState.PENDING, available_at__lte=now)


class Reminder(models.Model):
    """One reminder to one person about one thing for one period: outbox and log."""

    rule = models.ForeignKey(
        ReminderRule, verbose_name=_("quy tắc"), on_delete=models.PROTECT, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    # What it is about: "campaign:3/unit:12", "nomination:55", and the period
    # ("deadline:2026-12-09/7", "returned:2026-11-20T10:00/3") it belongs to.
    object_key = models.CharField(_("đối tượng"), max_length=64)
    period = models.CharField(_("kỳ nhắc"), max_length=64)
    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    channel = models.CharField(
        _("kênh gửi"), max_length=16, choices=ReminderChannel.choices, default=ReminderChannel.EMAIL
    )
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body_text = models.TextField(_("nội dung"))
    body_html = models.TextField(_("nội dung HTML"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    notification = models.OneToOneField(
        "common.Notification",
        verbose_name=_("thông báo trên cổng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reminder",
    )

    state = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=ReminderState.choices,
        default=ReminderState.PENDING,
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, db_index=True)
    available_at = models.DateTimeField(_("gửi từ lúc"), default=timezone.now)
    queued_at = models.DateTimeField(_("đưa vào hàng đợi lúc"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("nhận gửi lúc"), null=True, blank=True)
    claim_token = models.CharField(max_length=64, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt nhắc việc")
        verbose_name_plural = _("nhật ký nhắc việc")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "recipient", "object_key", "period"], name="reminder_once"
            )
        ]
        indexes = [models.Index(fields=["state", "available_at"])]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a resend is recognisably the same mail."""
        return stable_message_id(f"reminder-{self.pk}")
