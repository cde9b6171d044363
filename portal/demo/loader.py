"""Build the demo data set around Plan 2777 of Bến Tre province.

Every state is reached the way users reach it: nominations through the
workflow service (the unit's officer submits and withdraws, the staff review,
return, approve and reject), the 2021 decision through the decision services
(drafted, filled with the approved nominations, issued: numbers, bonuses from
the coefficient and base salary in force on its date, certificates), the
campaigns, registrations, rounds, reports, reminders and notices through the
campaign services.  The demo
never writes a state, a log row or an amount itself; afterwards it only moves
timestamps (``*_at``) to the moments its story tells, since the services stamp
"now".  The activity log is append-only, so its entries keep the moment of the
run.

While it builds, the follow-up tasks (notifications, certificate rendering) run
in this process, so that their rows exist when the timestamps are moved, and
the emails of that history are not sent: it happened before the portal.  The
reminders and notices of the demo's day are composed afterwards as usual.

Idempotent: every row is found by a natural key (unit code, citizen id, username,
plan number, decision number ...) and a nomination, registration or decision that
is already there is left as it is, so a second run on the same day adds and
changes nothing.  The campaign's deadlines are relative to the day of the run, so
that the demo always looks alive; running on another day moves them with it.

Some achievements get a photo and some nominations a scanned proposal letter,
drawn on the fly (see :mod:`portal.demo.files`) and stored through the upload
checks into the default storage (``MEDIA_ROOT`` or the bucket); they are found again by their
file names, so a second run writes no file either.  A live fast-track
achievement happened a few hours before the first run; later runs keep that
moment.

The catalogue (titles, coefficients, base salary) is not built here: it comes
from the data migrations ``awards.0003_seed_catalogue`` and
``awards.0008_coefficient_history``.

The campaigns go through the staff's pages' services as well: Plan 2777 is
created from the campaign form (a draft), given its indicators through the
indicator formset, launched to every unit (the launch run renders the letter and
tells the officers after the commit), registered for with targets, and two
reporting rounds are opened, reported in by whoever acts for each unit (on the
day of the story, the service's ``today``) and the past one locked; the sơ kết
of 2021 is opened through the review service and built after the commit; the 2024
campaign is created, launched and closed by its decision.  The deadlines of Plan
2777 and the open round's dates are relative to the day of the run.
"""

import datetime
import logging
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from celery import current_app
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

from awards.enums import (
    AchievementCategory,
    CentralOutcome,
    CertificateState,
    DecisionState,
    DossierKind,
    RoundingMode,
)
from awards.enums import NominationState as S
from awards.models import (
    Achievement,
    AwardDecision,
    AwardType,
    CentralPackage,
    CentralResult,
    CentralSubmission,
    Ceremony,
    Certificate,
    DossierFile,
    Evidence,
    Nomination,
    NumberSequence,
    Recipient,
)
from awards.routing import is_province
from awards.services.achievements import add_evidence
from awards.services.central import (
    PROPOSAL_SEQUENCE,
    add_central_nominations,
    create_central_submission,
    record_central_result,
    send_central_submission,
)
from awards.services.ceremonies import record_ceremony
from awards.services.consultation import open_consultation
from awards.services.decisions import (
    DECISION_SEQUENCE,
    REGISTER_SEQUENCE,
    add_recipients,
    create_decision,
    issue_decision,
    revoke_recipient,
    signer_text,
)
from awards.services.dossiers import refresh_queue_fields, save_dossier_file, save_nomination
from awards.services.forwarding import forward_nominations
from awards.services.nominations import perform, set_nomination_state
from awards.services.reissue import reissue_certificate
from awards.services.rendering import READY_ACTION, render_decision_now
from campaign.activity import LAUNCH_CREATE
from campaign.enums import CampaignKind, CampaignStatus, IndicatorKind, ReviewKind
from campaign.forms.campaigns import CampaignForm
from campaign.forms.indicators import indicator_formset
from campaign.forms.registrations import RegistrationForm, target_field_name
from campaign.models import (
    Campaign,
    CampaignReview,
    LaunchDelivery,
    LaunchRun,
    Notice,
    NoticeBatch,
    ProgressReport,
    Registration,
    RegistrationTarget,
    Reminder,
    ReminderRule,
    ReportingRound,
)
from campaign.services.campaigns import close_campaign, save_campaign
from campaign.services.indicators import save_indicators
from campaign.services.launches import launch_campaign, units_to_launch
from campaign.services.notices import create_batch, render_batch
from campaign.services.registrations import save_registration
from campaign.services.reminders import compose_reminders
from campaign.services.reports import lock_round, open_round, save_report
from campaign.services.reviews import open_campaign_review
from common.enums import JobState
from common.models import ActivityLog, Notification
from council.models import Minutes, Session, Vote
from council.selectors import items_of
from council.services.closing import close_session
from council.services.minutes import render_minutes
from council.services.sessions import create_session, open_session, record_written_vote
from council.services.voting import cast_votes, recuse
from practices.models import Adoption, Practice
from units.enums import IndividualCategory, OfficerRole, UnitLevel, UnitType
from units.models import (
    Council,
    CouncilMembership,
    Individual,
    OfficerMembership,
    Unit,
    UnitSigner,
)
from units.rules import EMULATION_LEAD_GROUP, EMULATION_STAFF_GROUP
from units.selectors import signers_of
from units.services.publicity import record_photo_consent, set_public_visibility

from . import data
from .files import IMAGE, PDF, as_upload, evidence_photo, portrait, proposal_letter
from .people import generate_people
from .practices import load_practices
from .second_factor import load_second_factors
from .sync import upsert

BANG_KHEN = "bang-khen-chu-tich-ubnd-tinh"
SPEC_BY_CODE = {spec.code: spec for spec in data.UNITS}


class DemoError(Exception):
    """The demo cannot be built (for instance, the catalogue migration has not run)."""


# --- Who is nominated, and where each nomination stands ------------------------------


@dataclass(frozen=True)
class NominationSpec:
    """``subject``: ("ind", unit code, index among its people), ("unit", code) or
    ("hh", commune code) for the commune's household.  ``live`` nominations are
    dated relative to the day of the run; the others belong to the 2021 decision."""

    subject: tuple
    state: str
    award: str = BANG_KHEN
    fast_track: bool = False
    live: bool = True
    photo: bool = False  # the achievement comes with a photo as evidence
    dossier: bool = False  # the nomination comes with a scanned proposal letter (PDF)


_AWARDED = {"state": S.AWARDED, "live": False}
NOMINATIONS: tuple[NominationSpec, ...] = (
    # Awarded by the 2021 decision.
    NominationSpec(("ind", "bvndc-khoa-hoi-suc", 2), **_AWARDED),
    NominationSpec(("ind", "cdc-ben-tre", 2), **_AWARDED),  # Nguyễn Văn An
    NominationSpec(("ind", "bvdkkv-cu-lao-minh", 3), **_AWARDED),
    NominationSpec(("unit", "cdc-ben-tre"), **_AWARDED),
    NominationSpec(("ind", "ca-pc06", 2), **_AWARDED),
    NominationSpec(("ind", "ca-pc08", 3), fast_track=True, photo=True, **_AWARDED),
    NominationSpec(("unit", "xa-phu-tuc"), **_AWARDED),
    NominationSpec(("ind", "dbp-cua-dai", 2), **_AWARDED),
    NominationSpec(("ind", "xa-phu-tuc", 0), **_AWARDED),  # the commune chair: a leader
    # Paper dossiers the staff entered for units without an account, also awarded.
    NominationSpec(("ind", "hoi-lhpn-tinh", 1), **_AWARDED),
    NominationSpec(("unit", "cty-duoc-ben-tre"), **_AWARDED),
    # Health (officer1's units).
    NominationSpec(("ind", "bv-nguyen-dinh-chieu", 3), S.DRAFT, photo=True),
    NominationSpec(("ind", "ttyt-chau-thanh", 2), S.DRAFT, award="thu-khen", photo=True),
    NominationSpec(("ind", "cdc-ben-tre", 4), S.SUBMITTED, fast_track=True, photo=True),
    NominationSpec(("unit", "bvndc-khoa-nhiet-doi"), S.SUBMITTED, photo=True, dossier=True),
    NominationSpec(("ind", "bvndc-khoa-nhiet-doi", 2), S.IN_REVIEW, photo=True, dossier=True),
    NominationSpec(("ind", "so-y-te", 2), S.IN_REVIEW, photo=True, dossier=True),
    NominationSpec(("ind", "bvdkkv-cu-lao-minh", 4), S.RETURNED, photo=True, dossier=True),
    NominationSpec(("ind", "bvndc-khoa-hoi-suc", 3), S.APPROVED, photo=True),
    NominationSpec(("unit", "ttyt-chau-thanh"), S.APPROVED),
    NominationSpec(("ind", "bv-nguyen-dinh-chieu", 4), S.REJECTED),
    NominationSpec(("ind", "cdc-ben-tre", 5), S.WITHDRAWN),
    # Police (officer2's units).
    NominationSpec(("ind", "ca-pc02", 2), S.DRAFT, award="giay-khen", photo=True),
    NominationSpec(("ind", data.POLICE, 2), S.SUBMITTED),
    NominationSpec(("unit", "ca-pc06"), S.IN_REVIEW, photo=True, dossier=True),
    NominationSpec(("ind", "ca-pc08", 4), S.RETURNED),
    NominationSpec(("ind", "ca-pc02", 3), S.APPROVED),
    NominationSpec(("ind", "ca-pc06", 4), S.REJECTED),
    # Units without an account: staff enter their paper dossiers.
    NominationSpec(("unit", "xa-thanh-hai"), S.SUBMITTED),
    NominationSpec(("hh", "xa-an-thuy"), S.SUBMITTED),
    NominationSpec(("ind", "tinh-doan", 2), S.IN_REVIEW),
    NominationSpec(("ind", "bchqs-chau-thanh", 2), S.APPROVED),
    NominationSpec(("ind", "dbp-cua-dai", 3), S.APPROVED, fast_track=True, photo=True),
    NominationSpec(("ind", "so-ldtbxh", 2), S.WITHDRAWN),
    NominationSpec(("unit", "so-cong-thuong"), S.REJECTED),
)

#: final state -> the states a nomination went through after being drafted
PATHS = {
    S.DRAFT: (),
    S.SUBMITTED: (S.SUBMITTED,),
    S.IN_REVIEW: (S.SUBMITTED, S.IN_REVIEW),
    S.RETURNED: (S.SUBMITTED, S.IN_REVIEW, S.RETURNED),
    S.APPROVED: (S.SUBMITTED, S.IN_REVIEW, S.APPROVED),
    S.REJECTED: (S.SUBMITTED, S.IN_REVIEW, S.REJECTED),
    S.WITHDRAWN: (S.SUBMITTED, S.WITHDRAWN),
    S.AWARDED: (S.SUBMITTED, S.IN_REVIEW, S.APPROVED, S.AWARDED),
}
#: Steps a unit takes (its officer, or the staff entering its paper dossier), as the
#: workflow's action names; the staff take the others.
UNIT_STEPS = {S.SUBMITTED: "submit", S.WITHDRAWN: "withdraw"}
STAFF_STEPS = {
    S.IN_REVIEW: "start_review",
    S.RETURNED: "return",
    S.APPROVED: "approve",
    S.REJECTED: "reject",
}
STEP_NOTES = {
    S.RETURNED: "Đề nghị bổ sung biên bản họp Hội đồng Thi đua – Khen thưởng của đơn vị và xác "
    "nhận thành tích của cơ quan chuyên môn.",
    S.REJECTED: "Thành tích chưa đạt mức tiêu biểu cấp tỉnh; đề nghị đơn vị khen thưởng theo "
    "thẩm quyền.",
    S.WITHDRAWN: "Đơn vị rút hồ sơ để bổ sung thành tích.",
}
#: The day of the fast-track achievement awarded by the 2021 decision.
FAST_TRACK_2021 = datetime.date(2021, 9, 6)
PAPER_DOSSIER_NOTE = "Ban Thi đua – Khen thưởng nhập hồ sơ giấy do đơn vị gửi."


@dataclass
class Demo:
    """What the steps share while building."""

    today: datetime.date
    now: datetime.datetime
    rng: random.Random
    units: dict[str, Unit] = field(default_factory=dict)
    signers: dict[tuple[str, str], UnitSigner] = field(default_factory=dict)
    people: dict[str, list[Individual]] = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    award_types: dict[str, AwardType] = field(default_factory=dict)
    covid: Campaign | None = None
    regular: Campaign | None = None
    #: Plan 2777's indicators by their key in ``data.COVID_INDICATORS``
    indicators: dict = field(default_factory=dict)
    #: campaigns created in this run; launch runs, rounds and reports made in this run
    #: -> the moment of the story they belong to; rounds locked in this run -> when
    new_campaigns: list[int] = field(default_factory=list)
    launches: dict[int, datetime.datetime] = field(default_factory=dict)
    rounds: dict[int, datetime.datetime] = field(default_factory=dict)
    reports: dict[int, datetime.datetime] = field(default_factory=dict)
    locks: dict[int, datetime.datetime] = field(default_factory=dict)
    reviews: dict[int, datetime.datetime] = field(default_factory=dict)
    awarded: list[Nomination] = field(default_factory=list)
    #: nominations built in this run -> their (state, moment) timeline
    timelines: dict[int, list[tuple[str, datetime.datetime]]] = field(default_factory=dict)
    #: the decision when it was issued in this run
    decision: AwardDecision | None = None
    #: units' decisions issued in this run -> (drafted, issued) moments
    unit_decisions: dict[int, tuple[datetime.datetime, datetime.datetime]] = field(
        default_factory=dict
    )
    #: the central submission when it was sent in this run
    central: CentralSubmission | None = None
    #: (achievement, index of its spec) that get a photo; (nomination, index) a letter
    photos: list[tuple[Achievement, int]] = field(default_factory=list)
    letters: list[tuple[Nomination, int]] = field(default_factory=list)
    #: the provincial council; its sessions built in this run -> their story's moments
    council: Council | None = None
    sessions: dict[int, tuple[datetime.datetime, datetime.datetime | None]] = field(
        default_factory=dict
    )
    _hashes: dict[str, bool] = field(default_factory=dict)

    def password_hash(self) -> str:
        """One hash for every demo account: hashing is slow on purpose, the password public."""
        encoded = next((e for e, ok in self._hashes.items() if ok), None)
        if encoded is None:
            encoded = make_password(data.DEMO_PASSWORD)
            self._hashes[encoded] = True
        return encoded

    def is_demo_password(self, encoded: str) -> bool:
        if encoded not in self._hashes:
            self._hashes[encoded] = check_password(data.DEMO_PASSWORD, encoded)
        return self._hashes[encoded]

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load_demo(*, today: datetime.date | None = None) -> dict[str, int]:
    """Build (or bring back) the demo data and return row counts by label."""
    rng = random.Random(data.SEED)  # noqa: S311 - reproducible demo data, not security
    if today is None:
        today, now = timezone.localdate(), timezone.now()
    else:
        now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    demo = Demo(today=today, now=now.replace(second=0, microsecond=0), rng=rng)
    with follow_ups_here_without_email():
        with transaction.atomic():
            load_award_types(demo)
            load_units(demo)
            load_signers(demo)
            load_individuals(demo)
            load_accounts(demo)
            load_campaigns(demo)
            load_registrations(demo)
            load_rounds(demo)
            load_nominations(demo)
            load_other_achievements(demo)
            load_decision(demo)
        # Committed: the notifications and certificates of 2021 are there.  Then 2022.
        with transaction.atomic():
            load_later_events(demo)
        with transaction.atomic():
            load_unit_decisions(demo)
            load_central(demo)
            load_honour_board(demo)
            # After the rounds and the awards it compiles; built after the commit.
            load_review(demo)
        with transaction.atomic():
            load_council(demo)
        with transaction.atomic():
            load_practices(demo)
    with transaction.atomic():
        set_the_clock(demo)
        load_files(demo)
    # A decision whose rendering was interrupted on an earlier run is finished now.
    for decision in AwardDecision.objects.filter(state=DecisionState.ISSUED):
        render_decision_now(decision, by=demo.users["staff"])
    for minutes in Minutes.objects.exclude(state=JobState.DONE):
        render_minutes(minutes)
    load_reminders(demo)
    with transaction.atomic():
        load_second_factors(demo.users)
    return summary()


@contextmanager
def follow_ups_here_without_email():
    """Run the tasks the services queue in this process, and send none of their emails.

    The notifications and certificates of the demo's history are made by the
    same tasks as in real use; running them here means they exist when the
    clock is set, and after ``make run`` without waiting for a worker.  Their
    emails are dropped: that history happened before the portal.
    """
    conf = current_app.conf
    saved = (conf.task_always_eager, conf.task_eager_propagates)
    trace = logging.getLogger("celery.app.trace")  # one "succeeded" line per task
    level = trace.level
    conf.task_always_eager = conf.task_eager_propagates = True
    trace.setLevel(logging.WARNING)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            yield
    finally:
        conf.task_always_eager, conf.task_eager_propagates = saved
        trace.setLevel(level)


def summary() -> dict[str, int]:
    counts = {
        "Đơn vị": Unit.objects.count(),
        "Cá nhân": Individual.objects.count(),
        "Phong trào thi đua": Campaign.objects.count(),
        "Đăng ký thi đua": Registration.objects.count(),
        "Chỉ tiêu đăng ký": RegistrationTarget.objects.count(),
        "Kỳ báo cáo": ReportingRound.objects.count(),
        "Báo cáo kết quả": ProgressReport.objects.count(),
        "Báo cáo sơ kết, tổng kết": CampaignReview.objects.count(),
        "Thành tích": Achievement.objects.count(),
        "Minh chứng (ảnh)": Evidence.objects.count(),
        "Tệp hồ sơ": DossierFile.objects.count(),
        "Hồ sơ đề nghị": Nomination.objects.count(),
        "Quyết định khen thưởng": AwardDecision.objects.count(),
        "Người, tập thể được khen": Recipient.objects.count(),
        "Bằng, giấy khen": Certificate.objects.count(),
        "Nhật ký hoạt động": ActivityLog.objects.count(),
        "Thông báo": Notification.objects.count(),
        "Lượt nhắc việc": Reminder.objects.count(),
        "Công văn đôn đốc": Notice.objects.count(),
        "Phiên họp Hội đồng": Session.objects.count(),
        "Phiếu biểu quyết": Vote.objects.count(),
        "Biên bản Hội đồng": Minutes.objects.exclude(file="").count(),
        "Sáng kiến, mô hình": Practice.objects.count(),
        "Lượt nhân rộng": Adoption.objects.count(),
    }
    for state in S:
        counts[f"Hồ sơ – {state.label}"] = Nomination.objects.filter(state=state).count()
    return counts


# --- Reminders and notices -------------------------------------------------------------


def load_reminders(demo: Demo) -> None:
    """Run every enabled reminder rule once, as beat would on the demo's day.

    Their emails are queued for the worker that ``make run`` starts (the
    console backend prints them); a second run adds nothing, the rules being
    exactly-once per period.
    """
    for rule in ReminderRule.objects.filter(enabled=True):
        compose_reminders(rule, now=demo.now)
    # One batch of notices for the late units of Plan 2777, rendered now like the
    # certificates, so that staff can open and print them right after `make run`.
    campaign = demo.covid
    batch = NoticeBatch.objects.filter(campaign=campaign).first()
    if batch is None:
        batch = create_batch(
            campaign,
            by=demo.users["staff"],
            issuer=campaign.issuing_unit,
            date=demo.today,
            signer=UnitSigner.objects.get(
                unit=campaign.issuing_unit, full_name=data.DECISION_SIGNER
            ),
            symbol="UBND-TĐKT",
            today=demo.today,
        )
    render_batch(batch)


# --- Catalogue, units, people, accounts -----------------------------------------------


def load_award_types(demo: Demo) -> None:
    codes = set(data.COVID_AWARD_CODES) | set(data.REGULAR_AWARD_CODES)
    codes |= {n.award for n in NOMINATIONS}
    demo.award_types = AwardType.objects.in_bulk(codes, field_name="code")
    missing = sorted(codes - demo.award_types.keys())
    if missing:
        raise DemoError(
            f"Thiếu danh mục khen thưởng ({', '.join(missing)}): "
            "hãy chạy “manage.py migrate” trước."
        )


def load_units(demo: Demo) -> None:
    existing = Unit.objects.in_bulk([s.code for s in data.UNITS], field_name="code")
    for spec in data.UNITS:
        demo.units[spec.code], _ = upsert(
            Unit,
            {"code": spec.code},
            {
                "name": spec.name,
                "short_name": spec.short_name,
                "unit_type": spec.unit_type,
                "level": spec.level,
                "has_legal_status": spec.has_legal_status,
                "parent": demo.units[spec.parent] if spec.parent else None,
                "issuer_name": spec.issuer_name,
                "head_title": spec.head_title,
                "letterhead_parent": spec.letterhead_parent,
                "collective_leadership": spec.collective_leadership,
                "document_symbol": spec.document_symbol,
                "place_name": spec.place_name,
                "valid_from": spec.valid_from,
                "valid_to": spec.valid_to,
                "successor": demo.units[spec.successor] if spec.successor else None,
            },
            existing=existing.get(spec.code),
        )
        if spec.parent:  # cache the parent: later steps read it
            demo.units[spec.code].parent = demo.units[spec.parent]


def load_signers(demo: Demo) -> None:
    """The signers of the issuing units, found again by unit and name."""
    for spec in data.SIGNERS:
        unit = demo.units[spec.unit]
        existing = UnitSigner.objects.filter(unit=unit, full_name=spec.full_name).first()
        demo.signers[spec.unit, spec.full_name], _ = upsert(
            UnitSigner,
            {"unit": unit, "full_name": spec.full_name},
            {"position": spec.position, "kind": spec.kind, "valid_from": data.SIGNERS_FROM},
            existing=existing,
        )


def load_individuals(demo: Demo) -> None:
    """Found by citizen id, or by unit and name for the few without one.

    New people are saved one by one (their ``save()`` keeps derived fields) but
    their history rows are written in one batch: per-row history is what made the
    first run slow.
    """
    specs = generate_people(demo.rng)
    ids = [s.citizen_id for s in specs if s.citizen_id]
    by_id = {i.citizen_id: i for i in Individual.objects.filter(citizen_id__in=ids)}
    by_name = {
        (i.unit_id, i.full_name): i
        for i in Individual.objects.filter(unit__in=demo.units.values(), citizen_id__isnull=True)
    }
    new = []
    for spec in specs:
        unit = demo.units[spec.unit_code]
        lookup = (
            {"citizen_id": spec.citizen_id}
            if spec.citizen_id
            else {"unit": unit, "full_name": spec.full_name, "citizen_id": None}
        )
        values = {
            "unit": unit,
            "full_name": spec.full_name,
            "gender": spec.gender,
            "date_of_birth": spec.date_of_birth,
            "category": spec.category,
            "position": spec.position,
            "is_leader": spec.is_leader,
            "is_household": spec.is_household,
            "phone": spec.phone,
        }
        found = (
            by_id.get(spec.citizen_id)
            if spec.citizen_id
            else by_name.get((unit.pk, spec.full_name))
        )
        if found is None:
            person = Individual(**{**lookup, **values})
            new.append(person)
        else:
            person, _ = upsert(Individual, lookup, values, existing=found)
            person.unit = unit  # cache: later steps read it
        demo.people.setdefault(spec.unit_code, []).append(person)
    for person in new:
        person.save_without_historical_record()
    get_history_manager_for_model(Individual).bulk_history_create(new, batch_size=500)


def load_accounts(demo: Demo) -> None:
    user_model = get_user_model()
    for username, (last_name, first_name, email) in data.ACCOUNTS.items():
        user, created = upsert(
            user_model,
            {"username": username},
            {
                "first_name": first_name,
                "last_name": last_name,
                "email": email,
                "is_active": True,
                "is_staff": username == "admin",
                "is_superuser": username == "admin",
            },
        )
        if created or not demo.is_demo_password(user.password):
            user.password = demo.password_hash()
            user.save(update_fields=["password"])
        demo.users[username] = user

    group, _ = Group.objects.get_or_create(name=EMULATION_STAFF_GROUP)
    demo.users["staff"].groups.add(group)
    # The demo's staff member is also the lead who hears of fast-track escalations.
    lead, _ = Group.objects.get_or_create(name=EMULATION_LEAD_GROUP)
    demo.users["staff"].groups.add(lead)
    for username, code, role in (
        ("officer1", data.HEALTH, OfficerRole.OFFICER),
        ("officer2", data.POLICE, OfficerRole.OFFICER),
        ("director1", data.HEALTH, OfficerRole.HEAD),  # Sở Y tế's director
        ("deputy2", data.POLICE, OfficerRole.DEPUTY),  # a deputy director of the police
    ):
        upsert(
            OfficerMembership,
            {"user": demo.users[username], "unit": demo.units[code]},
            {"role": role, "is_active": True},
        )
    # The heads of Sở Y tế and of a commune: they issue their units' decisions, and
    # their accounts are those of the units' head signers.
    for username, (code, signer_name) in data.LEADERS.items():
        user, unit = demo.users[username], demo.units[code]
        upsert(
            OfficerMembership,
            {"user": user, "unit": unit},
            {"role": OfficerRole.HEAD, "is_active": True},
        )
        signer = demo.signers[code, signer_name]
        upsert(UnitSigner, {"pk": signer.pk}, {"user": user}, existing=signer)
    council, _ = upsert(
        Council, {"name": data.COUNCIL_NAME, "unit": demo.units[data.ROOT]}, {"is_active": True}
    )
    demo.council = council
    for username, (role, position) in data.COUNCIL_MEMBERS.items():
        upsert(
            CouncilMembership,
            {"council": council, "user": demo.users[username]},
            {"role": role, "position": position, "start_date": datetime.date(2021, 1, 1)},
        )


# --- Campaigns and registrations --------------------------------------------------------


def _bentre_units(demo: Demo) -> list[Unit]:
    return list(demo.units.values())


#: The campaign fields the demo moves with the day of the run (through the staff's edit).
RELATIVE_DEADLINES = (
    "registration_deadline",
    "nomination_deadline",
    "interim_review_date",
    "final_review_date",
)


def _campaign_form_data(values: dict, award_types) -> dict:
    """What the staff type in the campaign form, for ``values`` (model values)."""
    form_data = {"allowed_award_types": [a.pk for a in award_types]}
    for name, value in values.items():
        if isinstance(value, bool):
            if value:
                form_data[name] = "on"
        elif isinstance(value, datetime.date):
            form_data[name] = value.isoformat()
        elif isinstance(value, Unit):
            form_data[name] = value.pk
        elif name == "content_items":
            form_data[name] = "\n".join(value)
        elif value is None:
            form_data[name] = ""
        else:
            form_data[name] = value
    return form_data


def _save_campaign(demo: Demo, values: dict, award_codes) -> Campaign:
    """Create the campaign through the staff's form and service (a draft), found again by
    its plan reference; on a later run whose values differ (another day: the deadlines
    move with it), edit it the same way.  A closed campaign is not edited."""
    lookup = {k: values[k] for k in ("issuing_unit", "plan_number", "plan_symbol")}
    campaign = Campaign.objects.filter(**lookup).first()
    if campaign is not None and (
        campaign.status == CampaignStatus.CLOSED
        or all(getattr(campaign, name) == value for name, value in values.items())
    ):
        return campaign
    award_types = [demo.award_types[code] for code in award_codes]
    form = CampaignForm(_campaign_form_data(values, award_types), instance=campaign)
    if not form.is_valid():
        raise DemoError(f"Phong trào {values['plan_number']}: {form.errors.as_text()}")
    created = campaign is None
    campaign = save_campaign(form, by=demo.users["staff"])
    if created:
        demo.new_campaigns.append(campaign.pk)
    return campaign


def _launch(demo: Demo, campaign: Campaign, day: datetime.date) -> None:
    """Launch ``campaign`` to every unit of the province, as the staff do on its page
    (*Phát động*); units told before are not told again, so a second run launches
    nothing.  The launch run (letter and notifications) runs after the commit."""
    if campaign.status == CampaignStatus.CLOSED:
        return
    root = demo.units[data.ROOT]
    told = LaunchDelivery.objects.filter(campaign=campaign).values("unit")
    if not units_to_launch([root], (), day).exclude(pk__in=told).exists():
        return
    run = launch_campaign(
        campaign,
        by=demo.users["staff"],
        branches=[root],
        date=day,
        symbol=data.COVID_LAUNCH_SYMBOL,
        signer=demo.signers[data.ROOT, data.DECISION_SIGNER],
    )
    demo.launches[run.pk] = demo.at(day, 9)


def load_campaigns(demo: Demo) -> None:
    """Plan 2777 created, given its indicators and launched; the 2024 campaign created,
    launched and closed by its decision: all through the staff's services."""
    root = demo.units[data.ROOT]
    today = demo.today
    everyone = {
        "target_unit_types": list(UnitType.values),
        "target_individual_categories": list(IndividualCategory.values),
    }
    demo.covid = _save_campaign(
        demo,
        {
            "issuing_unit": root,
            "plan_number": "2777",
            "plan_symbol": "KH-UBND",
            "title": data.COVID_TITLE,
            "issue_date": data.COVID_ISSUE_DATE,
            "kind": CampaignKind.THEMATIC,
            "start_date": data.COVID_ISSUE_DATE,
            "end_date": None,
            "end_condition": data.COVID_END_CONDITION,
            "purpose": data.COVID_PURPOSE,
            "content_items": data.COVID_CONTENT.split("\n\n"),
            "content": "",
            "slogan": data.COVID_SLOGAN,
            **everyone,
            "registration_required": True,
            # Relative to the day of the run, so that the demo has open deadlines.
            "registration_deadline": today + datetime.timedelta(days=3),
            "nomination_deadline": today + datetime.timedelta(days=10),
            "interim_review_date": today + datetime.timedelta(days=20),
            "final_review_date": today + datetime.timedelta(days=60),
        },
        data.COVID_AWARD_CODES,
    )
    load_indicators(demo)
    _launch(demo, demo.covid, data.COVID_LAUNCH_DATE)

    demo.regular = _save_campaign(
        demo,
        {
            "issuing_unit": root,
            "plan_number": data.REGULAR_PLAN_NUMBER,
            "plan_symbol": "KH-UBND",
            "title": data.REGULAR_TITLE,
            "issue_date": data.REGULAR_ISSUE_DATE,
            "kind": CampaignKind.REGULAR,
            "start_date": data.REGULAR_ISSUE_DATE,
            "end_date": datetime.date(2024, 12, 31),
            "end_condition": "",
            "purpose": "Thi đua hoàn thành thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm "
            "2024; phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến.",
            "content_items": [
                "Thi đua hoàn thành xuất sắc nhiệm vụ chính trị được giao.",
                "Đẩy mạnh cải cách hành chính, chuyển đổi số.",
                "Thực hành tiết kiệm, chống lãng phí.",
            ],
            "content": "",
            "slogan": "",
            **everyone,
            "registration_required": False,
            "registration_deadline": None,
            "nomination_deadline": datetime.date(2024, 11, 30),
            "interim_review_date": datetime.date(2024, 7, 10),
            "final_review_date": datetime.date(2025, 1, 15),
        },
        data.REGULAR_AWARD_CODES,
    )
    _launch(demo, demo.regular, data.REGULAR_LAUNCH_DATE)
    if demo.regular.status == CampaignStatus.LAUNCHED:
        number, day = data.REGULAR_CLOSING
        close_campaign(
            demo.regular, by=demo.users["staff"], closing_number=number, closing_date=day
        )


def load_indicators(demo: Demo) -> None:
    """Plan 2777's indicators, through the staff's indicator formset and service, once."""
    campaign = demo.covid
    if not campaign.indicators.exists():
        specs = data.COVID_INDICATORS
        form_data = {
            "form-TOTAL_FORMS": str(len(specs)),
            "form-INITIAL_FORMS": "0",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
        }
        for index, spec in enumerate(specs):
            form_data |= {
                f"form-{index}-name": spec.name,
                f"form-{index}-measure": spec.measure,
                f"form-{index}-kind": IndicatorKind.MONEY if spec.money else IndicatorKind.NUMBER,
                f"form-{index}-position": str(index + 1),
            }
        formset = indicator_formset(campaign, form_data)
        if not formset.is_valid():
            raise DemoError(f"Chỉ tiêu của Kế hoạch 2777: {formset.errors}")
        save_indicators(campaign, formset, by=demo.users["staff"])
    by_name = {i.name: i for i in campaign.indicators.all()}
    demo.indicators = {
        spec.key: by_name[spec.name] for spec in data.COVID_INDICATORS if spec.name in by_name
    }


def _scaled(base: int, code: str, share: Decimal = Decimal(1)) -> Decimal:
    """A unit's value: ``base`` for a unit of ten people, in proportion to its headcount
    (at least five), times ``share``; whole numbers, at least 1."""
    people = Decimal(max(SPEC_BY_CODE[code].headcount, 5))
    return max(Decimal(1), (base * people / 10 * share).quantize(Decimal(1)))


def _vietnamese(value: Decimal) -> str:
    """A whole number as Vietnamese type it: dots between thousands ("1.500")."""
    return f"{int(value):,}".replace(",", ".")


def _branch(code: str) -> str:
    """The unit directly under the provincial root that ``code`` belongs to."""
    while SPEC_BY_CODE[code].parent not in (data.ROOT, None):
        code = SPEC_BY_CODE[code].parent
    return code


def _unit_officer(demo: Demo, code: str):
    """The demo account acting for the unit, if it has one."""
    return {data.HEALTH: demo.users["officer1"], data.POLICE: demo.users["officer2"]}.get(
        _branch(code)
    )


def load_registrations(demo: Demo) -> None:
    """Through the registration form and service, as the unit's officer (or the
    staff, for a unit without an account) would, with a target for each indicator that
    fits the unit's kind (typed "1.500" as Vietnamese write numbers); a unit already
    registered is left."""
    intended = [demo.award_types[BANG_KHEN], demo.award_types["giay-khen"]]
    done = set(Registration.objects.filter(campaign=demo.covid).values_list("unit_id", flat=True))
    for code in data.REGISTERED_UNITS:
        unit = demo.units[code]
        if unit.pk in done:
            continue
        targets = {
            target_field_name(demo.indicators[key]): _vietnamese(_scaled(base, code))
            for key, base in data.INDICATOR_TARGETS.get(unit.unit_type, {}).items()
        }
        form = RegistrationForm(
            {
                "unit": unit.pk,
                "targets": "\n".join(data.REGISTRATION_TARGETS[unit.unit_type]),
                "intended_award_types": [a.pk for a in intended],
                **targets,
            },
            campaign=demo.covid,
            units=Unit.objects.filter(pk=unit.pk),
        )
        if not form.is_valid():
            raise DemoError(f"Đăng ký thi đua của {unit}: {form.errors.as_text()}")
        save_registration(
            form, campaign=demo.covid, by=_unit_officer(demo, code) or demo.users["staff"]
        )


# --- Reporting rounds and progress reports --------------------------------------------


def _round_dates(demo: Demo, spec) -> tuple[datetime.date, datetime.date, datetime.date]:
    if spec.period is not None:
        return (*spec.period, spec.due)
    started = demo.today - datetime.timedelta(days=data.OPEN_ROUND_STARTED)
    due = demo.today + datetime.timedelta(days=data.OPEN_ROUND_DUE)
    return started, due, due


def _figures(demo: Demo, code: str, share: Decimal, index: int) -> dict:
    """What a unit reports in a round: ``share`` of the targets a unit of its kind and
    size registers, a little more for the ``index``-th unit to report."""
    unit = demo.units[code]
    bonus = Decimal("0.05") * (index % 3)
    return {
        demo.indicators[key]: _scaled(base, code, share + bonus)
        for key, base in data.INDICATOR_TARGETS.get(unit.unit_type, {}).items()
    }


def load_rounds(demo: Demo) -> None:
    """Plan 2777's two reporting rounds, opened (and the past one locked) by the staff,
    with the units' reports written by whoever acts for them, on the day the story says
    (the service's ``today``).  A round is found again by its title and a report by its
    unit, so a second run writes nothing.  The open round's dates are relative to the day
    of the run, like the campaign's deadlines: a run on another day moves them."""
    staff = demo.users["staff"]
    for spec in data.ROUNDS:
        start, end, due = _round_dates(demo, spec)
        round_ = ReportingRound.objects.filter(campaign=demo.covid, title=spec.title).first()
        if round_ is None:
            round_ = open_round(
                demo.covid,
                by=staff,
                kind=spec.kind,
                title=spec.title,
                period_start=start,
                period_end=end,
                due_date=due,
            )
            opened = spec.period[1] - datetime.timedelta(days=10) if spec.period else start
            demo.rounds[round_.pk] = demo.at(opened, 8)
        elif (round_.period_start, round_.period_end, round_.due_date) != (start, end, due):
            ReportingRound.objects.filter(pk=round_.pk).update(
                period_start=start, period_end=end, due_date=due
            )
            round_.refresh_from_db()
        reported = set(ProgressReport.objects.filter(round=round_).values_list("unit", flat=True))
        for index, (code, username) in enumerate(spec.reports):
            unit = demo.units[code]
            if unit.pk in reported:
                continue
            day = spec.reported_on or demo.today - datetime.timedelta(
                days=len(spec.reports) - index
            )
            report = save_report(
                round_,
                unit,
                by=demo.users[username],
                narrative=data.ROUND_NARRATIVE,
                figures=_figures(demo, code, Decimal(str(spec.share)), index),
                today=day,
            )
            demo.reports[report.pk] = demo.at(day, 8 + index % 9, 30)
        if spec.locked_on is not None and not round_.is_locked:
            lock_round(round_, by=staff)
            demo.locks[round_.pk] = demo.at(spec.locked_on, 16)


def load_review(demo: Demo) -> None:
    """The sơ kết of Plan 2777 at the end of 2021, opened by the staff through the review
    service (its PDF, Word file and Excel annexes are built after the commit), once."""
    if CampaignReview.objects.filter(campaign=demo.covid, kind=ReviewKind.INTERIM).exists():
        return
    start, end, day = data.COVID_REVIEW
    review = open_campaign_review(
        demo.covid,
        by=demo.users["staff"],
        kind=ReviewKind.INTERIM,
        period_start=start,
        period_end=end,
        date=day,
        signer=demo.signers[data.ROOT, data.DECISION_SIGNER],
    )
    demo.reviews[review.pk] = demo.at(day, 10)


# --- Achievements and nominations ----------------------------------------------------------


def _subject(demo: Demo, subject: tuple) -> tuple[Individual | None, Unit | None]:
    kind, code, *rest = subject
    if kind == "unit":
        return None, demo.units[code]
    if kind == "hh":
        return next(p for p in demo.people[code] if p.is_household), None
    return demo.people[code][rest[0]], None


def _nominating_unit(individual, unit) -> Unit:
    """Collectives are proposed by their parent unit, a hospital ward's staff by the hospital."""
    if unit is not None:
        parent = unit.parent
        return unit if parent is None or parent.parent_id is None else parent
    own = individual.unit
    return own.parent if own.parent and own.parent.level == UnitLevel.BASE else own


def _achievement_text(index: int, individual, unit, *, fast_track: bool) -> tuple[str, str]:
    if fast_track:
        return data.FAST_TRACK_ACHIEVEMENT
    if unit is not None:
        profile = SPEC_BY_CODE[unit.code].profile
        return data.COLLECTIVE_ACHIEVEMENTS.get(profile, data.COLLECTIVE_ACHIEVEMENTS["department"])
    if individual.is_household:
        return data.HOUSEHOLD_ACHIEVEMENT
    themes = SPEC_BY_CODE[individual.unit.code].themes
    texts = data.ACHIEVEMENTS[themes[index % len(themes)]]
    return texts[index // len(themes) % len(texts)]


def _existing_achievements(campaign) -> dict:
    return {
        (a.individual_id, a.unit_id, a.title): a
        for a in Achievement.objects.filter(campaign=campaign)
    }


def _achievement(demo, existing, campaign, individual, unit, *, title, description, day,
                 category, owner, recorded_by, occurred_at=None):  # fmt: skip
    achievement, _ = upsert(
        Achievement,
        {"campaign": campaign, "individual": individual, "unit": unit, "title": title},
        {
            "owner_unit": owner,
            "date": day,
            "occurred_at": occurred_at,
            "category": category,
            "description": description,
            "recorded_by": recorded_by,
        },
        existing=existing.get(
            (individual.pk if individual else None, unit.pk if unit else None, title)
        ),
    )
    return achievement


def _timeline(
    demo: Demo, index: int, spec: NominationSpec, occurred_at: datetime.datetime | None = None
) -> list[tuple[str, datetime.datetime]]:
    """(state, moment) for creation and for each later step of the nomination.

    A live fast-track nomination moves in hours, as the lane is meant to: drafted
    an hour after the achievement (``occurred_at``), sent half an hour later.
    """
    steps = PATHS[spec.state]
    if spec.fast_track:
        steps = tuple(s for s in steps if s != S.IN_REVIEW)  # the fast lane skips review
    if spec.fast_track and occurred_at is not None:
        created = occurred_at + datetime.timedelta(hours=1)
        moments = [
            created + datetime.timedelta(minutes=30, hours=20 * k) for k in range(len(steps))
        ]
    elif not spec.live:
        created = demo.at(datetime.date(2021, 8, 12) + datetime.timedelta(days=index), 8, 30)
        moments = [created + datetime.timedelta(days=1 + 2 * k) for k in range(len(steps))]
    else:
        days_ago = len(steps) + 2 + index % 5
        created = demo.at(demo.today - datetime.timedelta(days=days_ago), 8, 5 * (index % 12))
        moments = [
            created + datetime.timedelta(days=k + 1, hours=index % 7) for k in range(len(steps))
        ]
    if not spec.live:  # the 2021 council and decision fix these moments
        if S.APPROVED in steps:
            moments[steps.index(S.APPROVED)] = demo.at(datetime.date(2021, 9, 8), 9 + index % 6)
        if S.AWARDED in steps:
            moments[steps.index(S.AWARDED)] = demo.at(data.DECISION_SIGNED, 16, 30)
    return [(S.DRAFT, created), *zip(steps, moments, strict=True)]


def _fast_track_moment(demo: Demo, spec: NominationSpec, found):
    """When a fast-track achievement happened.

    A live one happened hours before the run (later steps fit before "now"),
    set once: a second run keeps the moment the first one chose.  One awarded
    in 2021 happened late in the evening, two days before the council met.
    """
    if not spec.live:
        return demo.at(FAST_TRACK_2021, 21, 30)
    if found is not None and found.occurred_at is not None:
        return found.occurred_at
    steps = [s for s in PATHS[spec.state] if s != S.IN_REVIEW]
    return demo.now - datetime.timedelta(hours=6 + 24 * (len(steps) - 1))


def forward_to_province(nomination, leaders, day) -> None:
    """While a unit of its branch reviews ``nomination``, that unit's leader forwards it
    up with a proposal letter signed by the unit's first listed signer (if any)."""
    while not is_province(nomination.reviewing_unit):
        unit = nomination.reviewing_unit
        signer = signers_of([unit], day=day).first()
        forward_nominations([nomination], by=leaders[unit.code], signed_date=day, signer=signer)
        nomination.refresh_from_db()


def walk_workflow(nomination, timeline, *, unit_actor, staff, leaders) -> None:
    """Move a freshly drafted nomination along ``timeline`` through the workflow.

    The unit's officer submits and withdraws (``perform`` checks they may); a unit
    without an account sends paper, and the staff enter its steps.  A nomination
    of a hospital reaches the department first: its leader forwards it to the
    province before the staff's step.  The staff review, return, approve and
    reject.  The last step of an awarded nomination, the award, is the decision's
    to take (see :func:`load_decision`).
    """
    for state, moment in timeline[1:]:
        if state == S.AWARDED:
            break
        note = STEP_NOTES.get(state, "")
        if state in UNIT_STEPS and unit_actor is None:
            note = " ".join(n for n in (note, PAPER_DOSSIER_NOTE) if n)
            set_nomination_state(nomination, state, actor=staff, reason=note)
        elif state in UNIT_STEPS:
            perform(nomination, UNIT_STEPS[state], by=unit_actor, reason=note)
        else:
            forward_to_province(nomination, leaders, timezone.localdate(moment))
            perform(nomination, STAFF_STEPS[state], by=staff, reason=note)
            # A return goes back one level: the department's leader sends it on down.
            while state == S.RETURNED and nomination.state != S.RETURNED:
                leader = leaders[nomination.reviewing_unit.code]
                perform(nomination, "return", by=leader, reason=note)


def load_nominations(demo: Demo) -> None:
    staff = demo.users["staff"]
    leaders = {data.HEALTH: demo.users["director1"], data.POLICE: demo.users["deputy2"]}
    existing_achievements = _existing_achievements(demo.covid)
    existing = {
        (n.individual_id, n.unit_id, n.award_type_id): n
        for n in Nomination.objects.filter(campaign=demo.covid)
    }
    for index, spec in enumerate(NOMINATIONS):
        individual, unit = _subject(demo, spec.subject)
        nominating_unit = _nominating_unit(individual, unit)
        unit_actor = _unit_officer(demo, nominating_unit.code)
        award_type = demo.award_types[spec.award]
        subject_ids = (individual.pk if individual else None, unit.pk if unit else None)

        title, description = _achievement_text(index, individual, unit, fast_track=spec.fast_track)
        if spec.live:
            achieved = datetime.date(2021, 8, 5) + datetime.timedelta(days=11 * index)
        else:
            achieved = datetime.date(2021, 7, 20) + datetime.timedelta(days=2 * index)
        occurred_at = None
        if spec.fast_track:
            found = existing_achievements.get((*subject_ids, title))
            occurred_at = _fast_track_moment(demo, spec, found)
            achieved = timezone.localdate(occurred_at)
        achievement = _achievement(
            demo,
            existing_achievements,
            demo.covid,
            individual,
            unit,
            title=title,
            description=description,
            day=achieved,
            occurred_at=occurred_at,
            category=AchievementCategory.AD_HOC
            if spec.fast_track
            else AchievementCategory.THEMATIC,
            owner=individual.unit if individual else nominating_unit,
            recorded_by=unit_actor or staff,
        )

        # A nomination already there keeps its state: users may have moved it since.
        nomination = existing.get((*subject_ids, award_type.pk))
        if nomination is None:
            nomination = save_nomination(
                by=unit_actor or staff,
                nominating_unit=nominating_unit,
                campaign=demo.covid,
                award_type=award_type,
                summary=description,
                achievements=[achievement],
                individual=individual,
                unit=unit,
                is_fast_track=spec.fast_track,
            )
            timeline = _timeline(demo, index, spec, achievement.occurred_at)
            walk_workflow(nomination, timeline, unit_actor=unit_actor, staff=staff, leaders=leaders)
            demo.timelines[nomination.pk] = timeline
        if spec.state == S.AWARDED:
            demo.awarded.append(nomination)
        if spec.photo:
            demo.photos.append((achievement, index))
        if spec.dossier:
            demo.letters.append((nomination, index))
    # A nomination kept from an earlier run may have had its achievement's day moved
    # by the upsert above: the queue's columns follow (one UPDATE, idempotent).
    refresh_queue_fields(Nomination.objects.filter(campaign=demo.covid))


def load_other_achievements(demo: Demo) -> None:
    """Achievements nobody has nominated yet, and some for the closed 2024 campaign."""
    nominated = {_subject(demo, n.subject)[0] for n in NOMINATIONS} - {None}
    candidates = [
        p
        for code, people in demo.people.items()
        for p in people
        if p not in nominated and not p.is_household
    ]
    chosen = demo.rng.sample(candidates, 26)
    existing_covid = _existing_achievements(demo.covid)
    existing_regular = _existing_achievements(demo.regular)
    for index, person in enumerate(chosen):
        actor = _unit_officer(demo, person.unit.code) or demo.users["staff"]
        if index < 20:
            title, description = _achievement_text(index, person, None, fast_track=False)
            campaign, existing = demo.covid, existing_covid
            day = datetime.date(2021, 7, 15) + datetime.timedelta(days=13 * index)
            category = AchievementCategory.THEMATIC
        else:
            title, description = data.REGULAR_ACHIEVEMENT
            campaign, existing = demo.regular, existing_regular
            day = datetime.date(2024, 12, 10)
            category = AchievementCategory.REGULAR
        _achievement(
            demo,
            existing,
            campaign,
            person,
            None,
            title=title,
            description=description,
            day=day,
            category=category,
            owner=person.unit,
            recorded_by=actor,
        )


# --- The issued decision, its recipient lines and certificates ---------------------------


def load_decision(demo: Demo) -> None:
    """Decision 1234/QĐ-UBND of 15 September 2021, through the decision services.

    Drafted by the staff, filled with the nominations approved for it, and
    issued: the services number it, compute every bonus from the coefficient
    and base salary in force on its date, number the golden register, create
    the certificates, award the nominations and queue the rendering.  Left as
    it is when it is there already.
    """
    staff = demo.users["staff"]
    issuer = demo.units[data.ROOT]
    lookup = {"issuer": issuer, "year": data.DECISION_YEAR, "number": data.DECISION_NUMBER}
    if AwardDecision.objects.filter(**lookup).exists():
        return
    _numbers_used_before(issuer, DECISION_SEQUENCE, data.DECISION_YEAR, data.DECISION_NUMBER - 1)
    _numbers_used_before(issuer, REGISTER_SEQUENCE, 0, data.GOLDEN_REGISTER_START - 1)
    decision = create_decision(
        by=staff,
        issuer=issuer,
        award_type=demo.award_types[BANG_KHEN],
        signed_date=data.DECISION_SIGNED,
        signer=demo.signers[data.ROOT, data.DECISION_SIGNER],
        citation=data.DECISION_CITATION,
        rounding_mode=RoundingMode.UP,
        campaign=demo.covid,
        legal_basis=data.DECISION_LEGAL_BASIS,
    )
    added = add_recipients(decision, demo.awarded, by=staff)
    if added.added != len(demo.awarded):
        raise DemoError(f"Quyết định mẫu: chỉ thêm được {added.added}/{len(demo.awarded)} hồ sơ.")
    demo.decision = issue_decision(decision, by=staff)


#: Decision 1234's people whose photo is on the honour board (their consent recorded) and
#: the one the staff hid from it, by their place on the decision's list (individuals only).
CONSENTED_PHOTOS = (0, 1)
HIDDEN_PERSON = 2
CONSENT_BASIS = "Phiếu đồng ý công khai ảnh trên Bảng vàng, ký ngày 20/9/2021, lưu tại đơn vị"
HIDE_REASON = "Cá nhân đề nghị không công khai thông tin trên Bảng vàng (đơn ngày 25/9/2021)"


def load_honour_board(demo: Demo) -> None:
    """Plan 2777's honour board reads the issued decisions as they are; here two people of
    decision 1234 consent to show their photo (recorded by the staff with a placeholder
    portrait, no face) and one asks not to be shown (hidden by the staff), through
    ``units.services.publicity``.  Whatever is there already is left alone."""
    staff = demo.users["staff"]
    decision = AwardDecision.objects.filter(
        issuer=demo.units[data.ROOT], year=data.DECISION_YEAR, number=data.DECISION_NUMBER
    ).first()
    if decision is None:
        return
    people = [
        line.individual
        for line in decision.recipients.filter(
            individual__isnull=False, revoked_at__isnull=True
        ).select_related("individual__unit")
    ]
    for index in CONSENTED_PHOTOS:
        person = people[index]
        if not person.photo_consents.filter(withdrawn_at__isnull=True).exists():
            upload = as_upload(portrait(person.full_name, palette=index), "anh.jpg", IMAGE)
            record_photo_consent(person, by=staff, upload=upload, basis=CONSENT_BASIS)
    hidden = people[HIDDEN_PERSON]
    if not hidden.hidden_from_public:
        set_public_visibility(hidden, hidden=True, by=staff, reason=HIDE_REASON)


def _numbers_used_before(issuer, name, year, last_value) -> None:
    """The issuer's numbers taken before the demo's decision (outside the portal)."""
    row = NumberSequence.objects.filter(issuer=issuer, name=name, year=year).first()
    if row is None or row.last_value < last_value:
        upsert(NumberSequence, {"issuer": issuer, "name": name, "year": year},
               {"last_value": last_value}, existing=row)  # fmt: skip


#: After the decision: a line revoked, a damaged certificate reissued.
REVOKED_LINE = ("ind", "ca-pc06", 2)
REVOKED_ON = datetime.date(2022, 3, 15)
REVOKE_REASON = (
    "Thành tích kê khai không đúng thực tế theo kết luận kiểm tra của Sở Nội vụ; thu hồi "
    "bằng khen và tiền thưởng."
)
REISSUED_LINE = ("unit", "cdc-ben-tre")
REISSUED_ON = datetime.date(2022, 5, 20)
REISSUE_REASON = "Bằng khen bị hư hỏng do ngập nước; đơn vị đề nghị cấp lại."


def load_later_events(demo: Demo) -> None:
    """What happened to the 2021 decision in 2022, through the decision services:
    one line revoked (false declarations), one damaged certificate reissued."""
    decision = demo.decision
    if decision is None:  # built on an earlier run: so were these
        return
    staff = demo.users["staff"]
    lines = {(r.individual_id, r.unit_id): r for r in decision.recipients.all()}

    def line_of(subject):
        individual, unit = _subject(demo, subject)
        return lines[(individual.pk if individual else None, unit.pk if unit else None)]

    revoke_recipient(line_of(REVOKED_LINE), by=staff, reason=REVOKE_REASON)
    damaged = line_of(REISSUED_LINE).certificates.get(state=CertificateState.VALID)
    reissue_certificate(damaged, by=staff, reason=REISSUE_REASON)


# --- Units award within their own authority; the province forwards to the centre ----------

#: Why a unit's head approved a nomination addressed to the unit (its own review).
UNIT_APPROVAL = "Hội đồng Thi đua – Khen thưởng của đơn vị đã xét; đủ điều kiện tặng Giấy khen."


def _new_nomination(demo, subject, *, award_type, achievement_text, achieved, by):
    """An achievement and a draft nomination of ``subject``, or the ones already there
    (then ``None`` as the draft: it keeps its state, as in :func:`load_nominations`)."""
    individual, unit = _subject(demo, subject)
    title, description = achievement_text
    achievement = _achievement(
        demo,
        _existing_achievements(demo.covid),
        demo.covid,
        individual,
        unit,
        title=title,
        description=description,
        day=achieved,
        category=AchievementCategory.THEMATIC,
        owner=individual.unit if individual else _nominating_unit(individual, unit),
        recorded_by=by,
    )
    found = Nomination.objects.filter(
        campaign=demo.covid, individual=individual, unit=unit, award_type=award_type
    ).first()
    if found is not None:
        return found, False
    nomination = save_nomination(
        by=by,
        nominating_unit=_nominating_unit(individual, unit),
        campaign=demo.covid,
        award_type=award_type,
        summary=description,
        achievements=[achievement],
        individual=individual,
        unit=unit,
    )
    return nomination, True


def load_unit_decisions(demo: Demo) -> None:
    """Giấy khen decisions of Sở Y tế and of a commune, for their own people (2021).

    The unit's officer (or, in a commune without one, its chairman) drafts and
    submits the nominations; the unit's head reviews and approves them in the unit's
    name, drafts the decision with the approved nominations, signs and issues it:
    numbered in the unit's own sequence (312/QĐ-SYT), certificates in the giấy khen
    layout.  Sở Y tế also records the award ceremony, with a photo.  Left as they
    are when the decision is there already.
    """
    award_type = demo.award_types["giay-khen"]
    for spec in data.UNIT_DECISIONS:
        issuer = demo.units[spec.issuer]
        year = spec.signed.year
        if AwardDecision.objects.filter(issuer=issuer, year=year, number=spec.number).exists():
            continue
        head, officer = demo.users[spec.head], demo.users[spec.nominated_by]
        issued_at = demo.at(spec.signed, 16)
        nominations = []
        for index, (code, position) in enumerate(spec.subjects):
            created = demo.at(spec.signed - datetime.timedelta(days=14), 8, 10 * index)
            nomination, new = _new_nomination(
                demo,
                ("ind", code, position),
                award_type=award_type,
                achievement_text=spec.achievement,
                achieved=spec.signed - datetime.timedelta(days=30),
                by=officer,
            )
            nominations.append(nomination)
            if not new:
                continue
            perform(nomination, "submit", by=officer)
            set_nomination_state(nomination, S.IN_REVIEW, actor=head)
            set_nomination_state(nomination, S.APPROVED, actor=head, reason=UNIT_APPROVAL)
            demo.timelines[nomination.pk] = [
                (S.DRAFT, created),
                (S.SUBMITTED, created + datetime.timedelta(hours=2)),
                (S.IN_REVIEW, demo.at(spec.signed - datetime.timedelta(days=7), 9)),
                (S.APPROVED, demo.at(spec.signed - datetime.timedelta(days=3), 15)),
                (S.AWARDED, issued_at),
            ]
        _numbers_used_before(issuer, DECISION_SEQUENCE, year, spec.number - 1)
        decision = create_decision(
            by=head,
            issuer=issuer,
            award_type=award_type,
            signed_date=spec.signed,
            signer=demo.signers[spec.issuer, spec.signer],
            citation=spec.citation,
            campaign=demo.covid,
            legal_basis=spec.legal_basis,
        )
        added = add_recipients(decision, nominations, by=head)
        if added.added != len(nominations):
            raise DemoError(
                f"Quyết định của {issuer}: chỉ thêm được {added.added}/{len(nominations)} hồ sơ."
            )
        issue_decision(decision, by=head)
        demo.unit_decisions[decision.pk] = (
            demo.at(spec.signed - datetime.timedelta(days=2), 9),
            issued_at,
        )
        if spec.ceremony is not None:
            day, hour, place, presented_by = spec.ceremony
            picture = evidence_photo(spec.citation, place, day, palette=spec.number)
            record_ceremony(
                decision,
                by=officer,
                lines=list(decision.recipients.all()),
                held_at=demo.at(day, hour),
                place=place,
                presented_by=presented_by,
                photo=as_upload(picture, f"IMG_{day:%Y%m%d}_{hour:02d}00.jpg", IMAGE),
            )


#: Days before the tờ trình the demo's list was published for comment (10 working days
#: and a weekend or two fit in them).
CONSULTED_BEFORE = 21


def load_central(demo: Demo) -> None:
    """A dossier the province forwarded to the Prime Minister, and the result.

    Sở Y tế's officer submits nominations of Bằng khen của Thủ tướng Chính phủ, the
    staff review and approve them, gather them in a submission and send it (tờ trình
    245/TTr-UBND, its package built in the background); in January 2022 the Prime
    Minister's decision awards one of them, recorded by the staff; the other still
    waits.  Left as it is when the submission is there already.
    """
    root, staff = demo.units[data.ROOT], demo.users["staff"]
    leaders = {data.HEALTH: demo.users["director1"], data.POLICE: demo.users["deputy2"]}
    letter_date = data.CENTRAL_LETTER_DATE
    year = letter_date.year
    if CentralSubmission.objects.filter(
        issuer=root, year=year, number=data.CENTRAL_NUMBER
    ).exists():
        return
    award_type = demo.award_types[data.CENTRAL_AWARD]
    nominations, awarded = [], []
    recorded_at = demo.at(data.CENTRAL_RECORDED, 10)
    for index, (subject, outcome) in enumerate(data.CENTRAL_NOMINATIONS):
        individual, unit = _subject(demo, subject)
        actor = _unit_officer(demo, _nominating_unit(individual, unit).code) or staff
        created = demo.at(datetime.date(2021, 9, 20), 9, 15 * index)
        nomination, new = _new_nomination(
            demo,
            subject,
            award_type=award_type,
            achievement_text=data.CENTRAL_ACHIEVEMENT,
            achieved=datetime.date(2021, 9, 10),
            by=actor,
        )
        nominations.append(nomination)
        if outcome:
            awarded.append(nomination)
        if not new:
            continue
        perform(nomination, "submit", by=actor)
        # Through Sở Y tế: its director forwards it to the province first.
        forward_to_province(nomination, leaders, datetime.date(2021, 9, 22))
        perform(nomination, "start_review", by=staff)
        perform(nomination, "approve", by=staff)
        timeline = [
            (S.DRAFT, created),
            (S.SUBMITTED, created + datetime.timedelta(days=1)),
            (S.IN_REVIEW, demo.at(datetime.date(2021, 9, 27), 9)),
            (S.APPROVED, demo.at(datetime.date(2021, 10, 8), 10)),
        ]
        if outcome:
            timeline.append((S.AWARDED, recorded_at))
        demo.timelines[nomination.pk] = timeline
    _numbers_used_before(root, PROPOSAL_SEQUENCE, year, data.CENTRAL_NUMBER - 1)
    signer = demo.signers[data.ROOT, "Lê Văn Thạnh"]
    submission = create_central_submission(
        by=staff, issuer=root, **signer_text(signer, root, letter_date)
    )
    added = add_central_nominations(submission, nominations, by=staff)
    if added.added != len(nominations):
        raise DemoError(f"Tờ trình khen cao: chỉ thêm được {added.added}/{len(nominations)} hồ sơ.")
    # The list was published for comment first; its window ended before the letter.
    open_consultation(
        submission, by=staff, today=letter_date - datetime.timedelta(days=CONSULTED_BEFORE)
    )
    send_central_submission(submission, by=staff, letter_date=letter_date)
    number, day, decider = data.CENTRAL_DECISION
    lines = {line.nomination_id: line.pk for line in submission.lines.all()}
    record_central_result(
        submission,
        by=staff,
        decision_number=number,
        decision_date=day,
        issuer=decider,
        outcomes={lines[n.pk]: (CentralOutcome.AWARDED, "") for n in awarded},
    )
    demo.central = submission


# --- The clock: the moments the story tells -----------------------------------------------

#: Final states whose notification is left unread: someone still has to act.
AWAIT_ACTION = {S.SUBMITTED, S.RETURNED}
#: How long after a notification its reader opened it.
READ_AFTER = datetime.timedelta(hours=2)


# --- The provincial council ------------------------------------------------------------


def _council_nominations(demo: Demo, indexes, *, staff) -> list[Nomination]:
    """Nominations of Sở Y tế's people for the council's title, sent and in review at
    the province; the ones already there on a later run."""
    award_type = demo.award_types[data.COUNCIL_AWARD]
    officer = demo.users["officer1"]
    nominations = []
    for index in indexes:
        nomination, new = _new_nomination(
            demo,
            ("ind", data.HEALTH, index),
            award_type=award_type,
            achievement_text=data.COUNCIL_ACHIEVEMENT,
            achieved=demo.today - datetime.timedelta(days=60),
            by=officer,
        )
        if new:
            perform(nomination, "submit", by=officer)
            perform(nomination, "start_review", by=staff)
        nominations.append(nomination)
    return nominations


def _council_session(demo: Demo, spec, *, staff, meeting, opens, closes):
    """The council's session ``spec`` (title, days, people), created and called through
    the services; ``None`` when it is there already."""
    title, _days, indexes = spec
    if Session.objects.filter(council=demo.council, title=title).exists():
        return None
    nominations = _council_nominations(demo, indexes, staff=staff)
    session = create_session(
        demo.council,
        by=staff,
        nominations=nominations,
        title=title,
        meeting_at=meeting,
        place=data.COUNCIL_PLACE,
        votes_open_at=opens,
        votes_close_at=closes,
        is_paper=False,
    )
    return open_session(session, by=staff)


def _secret(username: str) -> str:
    """The browser secret of a member's e-ballot (the page keeps one per browser)."""
    return f"demo-ballot-{username}"


def load_council(demo: Demo) -> None:
    """The provincial council: a closed session with its e-votes, the written opinion of
    an absent member, a recusal, a passed and a failed item and its minutes; and an
    open session whose items wait for ``council``'s vote.  All through the council's
    services, as its pages call them; the moments are set afterwards."""
    staff = demo.users["staff"]
    title, days, _indexes = data.COUNCIL_CLOSED
    meeting = demo.at(demo.today - datetime.timedelta(days=days), 8)
    opens, closes = meeting - datetime.timedelta(days=2), meeting + datetime.timedelta(hours=4)
    closed = _council_session(
        demo, data.COUNCIL_CLOSED, staff=staff, meeting=meeting, opens=opens, closes=closes
    )
    if closed is not None:
        items = list(items_of(closed))
        voting = opens + datetime.timedelta(hours=3)
        for item, choices in zip(items, data.COUNCIL_CLOSED_VOTES, strict=True):
            for username, choice in choices.items():
                member = demo.users[username]
                if choice == "recused":
                    recuse(item, by=member, now=voting)
                else:
                    cast_votes(
                        closed,
                        {item.pk: choice},
                        by=member,
                        secret=_secret(username),
                        now=voting,
                    )
        absent, written = data.COUNCIL_WRITTEN
        for item, choice in zip(items, written, strict=True):
            record_written_vote(item, demo.users[absent], choice, by=staff)
        ended = meeting + datetime.timedelta(hours=3)
        close_session(closed, by=staff, now=ended)
        demo.sessions[closed.pk] = (opens - datetime.timedelta(days=5), ended)
        for item, outcome in zip(items, (S.APPROVED, S.REJECTED), strict=True):
            created = demo.at(demo.today - datetime.timedelta(days=days + 30), 9)
            demo.timelines[item.nomination_id] = [
                (S.DRAFT, created),
                (S.SUBMITTED, created + datetime.timedelta(hours=2)),
                (S.IN_REVIEW, created + datetime.timedelta(days=3)),
                (outcome, ended),
            ]
    title, days, _indexes = data.COUNCIL_OPEN
    meeting = demo.at(demo.today + datetime.timedelta(days=days), 8)
    opens = demo.now - datetime.timedelta(days=1)
    session = _council_session(
        demo,
        data.COUNCIL_OPEN,
        staff=staff,
        meeting=meeting,
        opens=opens,
        closes=meeting + datetime.timedelta(hours=4),
    )
    if session is not None:
        demo.sessions[session.pk] = (opens - datetime.timedelta(days=2), None)
        for item in items_of(session):
            created = demo.at(demo.today - datetime.timedelta(days=20), 9)
            demo.timelines[item.nomination_id] = [
                (S.DRAFT, created),
                (S.SUBMITTED, created + datetime.timedelta(hours=2)),
                (S.IN_REVIEW, created + datetime.timedelta(days=3)),
            ]


def _council_clock(demo: Demo) -> None:
    """A session built in this run: created before its window opened, called then."""
    for pk, (created, _ended) in demo.sessions.items():
        Session.objects.filter(pk=pk).update(
            created_at=created, opened_at=created + datetime.timedelta(hours=1)
        )


def set_the_clock(demo: Demo) -> None:
    """Move the timestamps of what this run built to the moments of the demo's story.

    Only ``*_at`` fields, with ``update()`` after the services have run: the
    nominations' creation, submission and last change, the notifications of
    each step (read, except those still waiting for their reader), and the
    decision's drafting and issue.
    """
    issued_at = demo.at(data.DECISION_SIGNED, 16, 30)
    nominations = Nomination.objects.in_bulk(list(demo.timelines))
    for pk, timeline in demo.timelines.items():
        nomination = nominations[pk]
        submitted = next((moment for state, moment in timeline if state == S.SUBMITTED), None)
        Nomination.objects.filter(pk=pk).update(
            created_at=timeline[0][1],
            submitted_at=submitted,
            state_changed_at=timeline[-1][1] if len(timeline) > 1 else None,
        )
        log = list(
            ActivityLog.objects.for_object(nomination).order_by("id").values_list("pk", "action")
        )
        entries = [pk for pk, action in log if action == "nomination.state"]
        moments = dict(zip(entries, timeline[1:], strict=True))
        # A department's forward or passed-on return: at the moment of the next step.
        following = None
        for entry_pk, _action in reversed(log):
            following = moments.get(entry_pk, following)
            moments.setdefault(entry_pk, following or timeline[-1])
        for entry_pk, (state, moment) in moments.items():
            unread = (
                entry_pk in entries
                and state == nomination.state
                and nomination.state in AWAIT_ACTION
            )
            notifications = Notification.objects.filter(activity_id=entry_pk)
            notifications.update(created_at=moment, read_at=None if unread else moment + READ_AFTER)
            notifications.filter(emailed_at__isnull=False).update(emailed_at=moment)
    decision = demo.decision
    if decision is not None:
        AwardDecision.objects.filter(pk=decision.pk).update(
            created_at=demo.at(data.DECISION_SIGNED - datetime.timedelta(days=2), 9),
            issued_at=issued_at,
        )
        revoked_at = demo.at(REVOKED_ON, 10)
        reissued_at = demo.at(REISSUED_ON, 14)
        Recipient.objects.filter(decision=decision, revoked_at__isnull=False).update(
            revoked_at=revoked_at
        )
        certificates = Certificate.objects.filter(recipient__decision=decision)
        certificates.filter(state=CertificateState.REVOKED).update(revoked_at=revoked_at)
        certificates.filter(replaces__isnull=True).update(created_at=issued_at)
        certificates.filter(replaces__isnull=False).update(created_at=reissued_at)
        _heard_ready(decision, (issued_at, reissued_at))
    for pk, (drafted_at, issued_at) in demo.unit_decisions.items():
        AwardDecision.objects.filter(pk=pk).update(created_at=drafted_at, issued_at=issued_at)
        Certificate.objects.filter(recipient__decision_id=pk).update(created_at=issued_at)
        for ceremony in Ceremony.objects.filter(decision_id=pk):
            Ceremony.objects.filter(pk=ceremony.pk).update(created_at=ceremony.held_at + READ_AFTER)
        _heard_ready(AwardDecision(pk=pk), (issued_at,))
    _campaign_clock(demo)
    _council_clock(demo)
    submission = demo.central
    if submission is not None:
        sent_at = demo.at(submission.letter_date, 15)
        CentralSubmission.objects.filter(pk=submission.pk).update(
            created_at=sent_at - datetime.timedelta(days=2), sent_at=sent_at
        )
        CentralPackage.objects.filter(submission=submission).update(created_at=sent_at)
        CentralResult.objects.filter(submission=submission).update(
            created_at=demo.at(data.CENTRAL_RECORDED, 10)
        )


def _campaign_clock(demo: Demo) -> None:
    """The campaigns' creation, their launch runs (letter, deliveries and the officers'
    notifications, read), the rounds' opening and locking and the reports' sending, at
    the moments of the story."""
    for pk in demo.new_campaigns:
        campaign = Campaign.objects.get(pk=pk)
        created = demo.at(campaign.issue_date, 8)
        Campaign.objects.filter(pk=pk).update(created_at=created, updated_at=created)
    for pk, moment in demo.launches.items():
        done = moment + datetime.timedelta(minutes=2)
        LaunchRun.objects.filter(pk=pk).update(
            created_at=moment, started_at=moment, finished_at=done, updated_at=done
        )
        LaunchDelivery.objects.filter(run_id=pk).update(notified_at=done)
        entries = ActivityLog.objects.for_object(LaunchRun(pk=pk)).filter(action=LAUNCH_CREATE)
        told = Notification.objects.filter(activity__in=entries)
        told.update(created_at=done, read_at=done + READ_AFTER)
        told.filter(emailed_at__isnull=False).update(emailed_at=done)
    for pk, moment in demo.rounds.items():
        ReportingRound.objects.filter(pk=pk).update(created_at=moment, updated_at=moment)
    for pk, moment in demo.locks.items():
        ReportingRound.objects.filter(pk=pk).update(locked_at=moment, updated_at=moment)
    for pk, moment in demo.reviews.items():
        done = moment + datetime.timedelta(minutes=1)
        CampaignReview.objects.filter(pk=pk).update(
            created_at=moment, started_at=moment, finished_at=done, updated_at=done
        )
    for pk, moment in demo.reports.items():
        ProgressReport.objects.filter(pk=pk).update(
            created_at=moment, updated_at=moment, submitted_at=moment
        )


def _heard_ready(decision, moments) -> None:
    """The officers heard that the decision's certificates were ready (after its
    issue, then after each reissue), and opened the news."""
    ready_entries = (
        ActivityLog.objects.for_object(decision)
        .filter(action=READY_ACTION)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    for entry_pk, moment in zip(ready_entries, moments, strict=False):
        told = Notification.objects.filter(activity_id=entry_pk)
        ready = moment + datetime.timedelta(minutes=10)
        told.update(created_at=ready, read_at=ready + READ_AFTER)
        told.filter(emailed_at__isnull=False).update(emailed_at=ready)


# --- Evidence photos and scanned proposal letters ------------------------------------------


def _photo_name(achievement: Achievement, index: int) -> str:
    """A phone camera's file name, from the achievement's day: the same on every run."""
    moment = achievement.occurred_at or _demo_moment(achievement.date, index)
    return f"IMG_{timezone.localtime(moment):%Y%m%d_%H%M}{index:02d}.jpg"


def _demo_moment(day: datetime.date, index: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(7 + index % 10, 15)))


def _letter_name(nomination: Nomination) -> str:
    return f"Tờ trình đề nghị khen thưởng – {nomination.subject_name}.pdf"


def load_files(demo: Demo) -> None:
    """Attach a photo to some achievements and a proposal letter to some nominations.

    Found again by (achievement, file name) and (nomination, kind, file name):
    a second run writes no file and no row.
    """
    have_photos = set(
        Evidence.objects.filter(achievement__in=[a for a, _ in demo.photos]).values_list(
            "achievement_id", "original_name"
        )
    )
    for achievement, index in demo.photos:
        name = _photo_name(achievement, index)
        if (achievement.pk, name) in have_photos:
            continue
        subject = achievement.individual or achievement.unit
        picture = evidence_photo(achievement.title, str(subject), achievement.date, palette=index)
        add_evidence(
            achievement,
            as_upload(picture, name, IMAGE),
            by=achievement.recorded_by,
            caption=achievement.title,
        )

    have_letters = set(
        DossierFile.objects.filter(
            nomination__in=[n for n, _ in demo.letters], kind=DossierKind.PROPOSAL_LETTER
        ).values_list("nomination_id", "original_name")
    )
    for nomination, index in demo.letters:
        name = _letter_name(nomination)
        if (nomination.pk, name) in have_letters:
            continue
        nomination.refresh_from_db(fields=["created_at"])  # the clock has moved it
        unit = nomination.nominating_unit
        symbol = f"TTr-{unit.document_symbol}" if unit.document_symbol else "TTr"
        individual = nomination.individual
        if individual is not None:
            subject = f"{individual.full_name}, {individual.position}".rstrip(", ")
        else:
            subject = nomination.unit.name
        letter = proposal_letter(
            parent_line=unit.letterhead_parent,
            issuer_line=unit.issuer_name or unit.name.upper(),
            unit_name=unit.name,
            number=f"{100 + index}/{symbol}",
            place=unit.place_name,
            day=timezone.localdate(nomination.created_at),
            award=str(nomination.award_type),
            subject=subject,
            summary=nomination.summary,
        )
        save_dossier_file(
            nomination,
            DossierKind.PROPOSAL_LETTER,
            as_upload(letter, name, PDF),
            by=nomination.created_by,
        )
