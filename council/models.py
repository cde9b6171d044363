"""Voting rules, council sessions, their agenda and the secret e-ballot.

Threat model of the ballot (what "secret" means here)
-----------------------------------------------------
Whoever can read the database at rest, the Django admin, the activity log or any
export must not learn how a member voted.  The portal must still know who has
voted, so that a member votes once per item, and it must let the member change
that vote until the window closes.  Hence two tables that share nothing but the
agenda item:

* :class:`Ballot` (item, member, kind) says "has voted" (or recused, or sent a
  written opinion).  A unique constraint makes it one per member per item, in the
  database.  It has no timestamps and nothing about the choice.
* :class:`Vote` (item, choice, source, token hash) is anonymous: a random UUID key,
  no user, no timestamps.  A member finds their own vote again (to change it) only
  through ``token_hash``: the SHA-256 of a random secret kept in the member's
  browser in a cookie of its own and the item's id.  The secret never reaches the
  database, the log or the session store; without it a vote cannot be tied to
  anyone, and the hashes of one member's votes on two items cannot be tied together.
* Rows give away their order of insertion (PostgreSQL's ``xmin`` transaction id
  and heap position; an auto-increment key).  So every write of a vote rewrites all
  the votes of its item in a random order with new keys
  (``services/voting.py:_reshuffle``): afterwards every vote of the item carries
  the same transaction id, their physical order is random, and the newest voter's
  ballot row points at none of them in particular.  Nothing is written to the
  activity log when a vote is cast or changed.

What a count reveals by itself stays revealed: while one member alone has voted on an
item, or when everyone voted alike, the counts say how each voted, as a paper tally
would.  Out of scope: someone watching the database live (statement logs, WAL, a snapshot
before and after one member's vote; the change in the item's counts gives the
choice away, as it would in any live tally), forensic reading of dead tuples
before VACUUM, and a stolen browser cookie.  Absent members' written votes are
entered by the secretary, who reads them on paper: they are anonymous in the
database like the rest but marked as written (``VoteSource.WRITTEN``).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.dates import validate_plan_date
from common.files import private_name
from common.jobs import Job
from common.models import StoredFile, TimeStampedModel, user_reference

from .enums import (
    BallotKind,
    Choice,
    Comparison,
    Denominator,
    ItemOutcome,
    SessionState,
    VoteMethod,
    VoteSource,
)

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
#: The document symbol of a council's minutes (Decree 30/2020: BB, minutes).
MINUTES_SYMBOL = "BB-HĐTĐKT"


class VotingRule(TimeStampedModel):
    """How the council decides on one title or form, from ``effective_from`` (to
    ``effective_to``, empty: open).  Legal values change, so they are rows with their
    legal basis, editable in the admin; ``verified`` says whether the values were
    checked against the text named in ``legal_basis``."""

    award_type = models.ForeignKey(
        "awards.AwardType",
        verbose_name=_("danh hiệu, hình thức"),
        on_delete=models.CASCADE,
        related_name="voting_rules",
    )
    method = models.CharField(_("hình thức biểu quyết"), max_length=8, choices=VoteMethod.choices)
    denominator = models.CharField(
        _("tính tỷ lệ trên"),
        max_length=8,
        choices=Denominator.choices,
        default=Denominator.ALL_MEMBERS,
    )
    threshold_percent = models.DecimalField(
        _("ngưỡng đồng ý (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    comparison = models.CharField(
        _("cách so với ngưỡng"),
        max_length=8,
        choices=Comparison.choices,
        default=Comparison.AT_LEAST,
    )
    quorum_percent = models.DecimalField(
        _("số thành viên dự họp tối thiểu (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=PERCENT,
        help_text=_("Tỷ lệ trên tổng số thành viên Hội đồng; 0 là không đặt điều kiện."),
    )
    absentee_written_counts = models.BooleanField(
        _("tính ý kiến bằng văn bản của thành viên vắng mặt"), default=True
    )
    effective_from = models.DateField(_("áp dụng từ"), validators=[validate_plan_date])
    effective_to = models.DateField(
        _("áp dụng đến"), null=True, blank=True, validators=[validate_plan_date]
    )
    legal_basis = models.TextField(_("căn cứ pháp lý"))
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=False,
        help_text=_("Bỏ chọn khi giá trị chưa được đối chiếu với văn bản gốc."),
    )

    class Meta:
        verbose_name = _("quy tắc biểu quyết")
        verbose_name_plural = _("quy tắc biểu quyết")
        ordering = ["award_type__sort_order", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "effective_from"], name="voting_rule_unique_per_day"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="voting_rule_dates_ordered",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.award_type} – {self.get_method_display()} từ {self.effective_from:%d/%m/%Y}"

    @property
    def has_vote(self) -> bool:
        return self.method != VoteMethod.NO_VOTE


class Session(TimeStampedModel):
    """A meeting of a council (phiên họp Hội đồng) with its agenda and voting window.

    ``present_members`` are the members the secretary marked present; a member who
    cast an e-ballot on any item counts as present too (``selectors.attendance``).
    ``is_paper``: held on paper, the secretary enters the counts of the printed
    ballots and members do not vote online.
    """

    council = models.ForeignKey(
        "units.Council",
        verbose_name=_("hội đồng"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    title = models.CharField(_("nội dung phiên họp"), max_length=255)
    meeting_at = models.DateTimeField(_("thời gian họp"))
    place = models.CharField(_("địa điểm"), max_length=255)
    votes_open_at = models.DateTimeField(_("mở bỏ phiếu lúc"))
    votes_close_at = models.DateTimeField(_("đóng bỏ phiếu lúc"))
    is_paper = models.BooleanField(
        _("bỏ phiếu giấy"),
        default=False,
        help_text=_("Phiên họp bỏ phiếu bằng phiếu in: thư ký nhập số phiếu sau khi kiểm phiếu."),
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=8,
        choices=SessionState.choices,
        default=SessionState.DRAFT,
        db_index=True,
    )
    present_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thành viên dự họp"),
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("triệu tập lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    created_by = user_reference(_("người lập"))
    closed_by = user_reference(_("người kết thúc"))

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-meeting_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(votes_close_at__gt=models.F("votes_open_at")),
                name="session_window_ordered",
                violation_error_message=_("Giờ đóng bỏ phiếu phải sau giờ mở."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.meeting_at:%d/%m/%Y})"


class AgendaItem(models.Model):
    """One nomination on a session's agenda, with the rule it is decided under (frozen
    when it was put on the agenda) and, once the session is closed, its result:
    ``tally`` holds every number the minutes print (``services/tally.py``)."""

    session = models.ForeignKey(
        Session, verbose_name=_("phiên họp"), on_delete=models.CASCADE, related_name="items"
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="council_items",
    )
    rule = models.ForeignKey(
        VotingRule, verbose_name=_("quy tắc biểu quyết"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    outcome = models.CharField(
        _("kết quả"), max_length=8, choices=ItemOutcome.choices, default=ItemOutcome.PENDING
    )
    explanation = models.TextField(_("diễn giải kết quả"), blank=True)
    tally = models.JSONField(_("kết quả kiểm phiếu"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nội dung xét")
        verbose_name_plural = _("nội dung xét")
        ordering = ["session", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="agenda_item_unique")
        ]

    def __str__(self):
        return f"{self.position}. {self.nomination}"


class Ballot(models.Model):
    """ "This member has voted (or recused, or sent a written opinion) on this item":
    never how.  No timestamps (see the module's threat model)."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("nội dung xét"), on_delete=models.CASCADE, related_name="ballots"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thành viên"),
        on_delete=models.PROTECT,
        related_name="council_ballots",
    )
    kind = models.CharField(_("loại"), max_length=8, choices=BallotKind.choices)

    class Meta:
        verbose_name = _("lượt tham gia biểu quyết")
        verbose_name_plural = _("lượt tham gia biểu quyết")
        ordering = ["item", "member"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="ballot_one_per_member_item")
        ]

    def __str__(self):
        return f"{self.member} – {self.get_kind_display()}"


class Vote(models.Model):
    """An anonymous vote on one item.  No user, no timestamps, a random key; rewritten
    with new keys in a random order on every write to its item (threat model above)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("nội dung xét"), on_delete=models.CASCADE, related_name="votes"
    )
    choice = models.CharField(_("lựa chọn"), max_length=8, choices=Choice.choices)
    source = models.CharField(
        _("nguồn phiếu"), max_length=8, choices=VoteSource.choices, default=VoteSource.ELECTRONIC
    )
    token_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["token_hash"], name="vote_token_unique"),
        ]

    def __str__(self):
        return str(self.get_choice_display())


class PaperCount(models.Model):
    """The counts of printed ballots (phiếu giấy) for one item, entered by the secretary
    after the count; marked as such in the tally."""

    item = models.OneToOneField(
        AgendaItem, verbose_name=_("nội dung xét"), on_delete=models.CASCADE, related_name="paper"
    )
    agree = models.PositiveIntegerField(_("đồng ý"), default=0)
    disagree = models.PositiveIntegerField(_("không đồng ý"), default=0)
    abstain = models.PositiveIntegerField(_("không biểu quyết"), default=0)
    recorded_by = user_reference(_("người nhập"))

    class Meta:
        verbose_name = _("số phiếu giấy")
        verbose_name_plural = _("số phiếu giấy")

    def __str__(self):
        return f"{self.item}: {self.agree}/{self.disagree}/{self.abstain}"

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.abstain


def material_upload_to(instance, filename):
    return private_name("council", filename)


class SessionMaterial(StoredFile):
    """A document for the members (tài liệu phiên họp): read on the agenda page."""

    session = models.ForeignKey(
        Session, verbose_name=_("phiên họp"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to=material_upload_to, max_length=255)

    class Meta:
        verbose_name = _("tài liệu phiên họp")
        verbose_name_plural = _("tài liệu phiên họp")
        ordering = ["session", "id"]

    def __str__(self):
        return self.title


def minutes_upload_to(instance, filename):
    return private_name("council-minutes", filename)


class Minutes(Job):
    """The minutes of a closed session (biên bản họp Hội đồng), rendered in the background.

    Numbered when the session is closed ("12/BB-HĐTĐKT"), per the council's unit and
    the meeting's year, from the gap-free counters of the awards app; the PDF is laid
    out from the closed session (its frozen tally and attendance), stored under a name
    derived from the row, and a copy joins each item's nomination dossier as its
    council minutes.  ``done``/``total`` count the PDF and then one per dossier.
    """

    task_name = "council.render_minutes"
    task_argument = "minutes_id"

    session = models.OneToOneField(
        Session, verbose_name=_("phiên họp"), on_delete=models.PROTECT, related_name="minutes"
    )
    number = models.PositiveIntegerField(_("số"))
    year = models.PositiveSmallIntegerField(_("năm"))
    file = models.FileField(
        _("biên bản (PDF)"), upload_to=minutes_upload_to, blank=True, max_length=255
    )

    class Meta:
        verbose_name = _("biên bản họp Hội đồng")
        verbose_name_plural = _("biên bản họp Hội đồng")
        ordering = ["-year", "-number"]

    def __str__(self):
        return self.number_text

    @property
    def number_text(self) -> str:
        """ "12/BB-HĐTĐKT"."""
        return f"{self.number}/{MINUTES_SYMBOL}"
