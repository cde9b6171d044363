"""Importing a list of nominations (danh sách đề nghị) from Excel.

One file is one unit's list for one campaign (both chosen on upload).  Each row
names a person or a collective of the nominating unit or a unit below it, the title
or form proposed (one the campaign allows, that fits the subject), the summary of the
achievement and its date.  Writing a row records the achievement and a DRAFT
nomination through :func:`services.dossiers.save_nomination`, as the nomination form
does; the officer then submits the drafts in the normal workflow.

A person must already be in the staff list (imported first, ``units``): matched by
the ID number, else by the folded name and date of birth, else by the folded name
when only one person of the branch has it.  A collective is matched by its name,
short name or code.  The natural key of a nomination is the campaign, the subject
and the form: a row whose nomination exists (in any state but withdrawn) is skipped,
so importing the same file twice creates nothing the second time.  The stages, the
one transaction and the background path are ``common.services.imports``'.
"""

import datetime
from collections import defaultdict

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.dates import validate_birth_date, validate_happened_date
from common.enums import JobState
from common.excel.imports import Column, choice, date, long_text, template_workbook, text
from common.excel.jobs import ImportStage
from common.services.imports import (
    Plan,
    check_import,
    confirm_import,
    is_small,
    retry_import,
    run_import,
    write_import,
)
from common.templatetags.vn import vndate
from common.text import fold
from units.models import Individual, Unit
from units.services.staff_import import citizen_id

from .. import rules
from ..activity import NOMINATION_IMPORT_WRITE
from ..enums import AchievementCategory, NominationState, SubjectType
from ..models import Achievement, AwardType, Nomination, NominationImport
from ..tasks import run_nomination_import
from .dossiers import save_nomination

INDIVIDUAL, COLLECTIVE = "individual", "collective"
SUBJECT_KINDS = [(INDIVIDUAL, gettext_lazy("Cá nhân")), (COLLECTIVE, gettext_lazy("Tập thể"))]
ACTIONS = {"new": gettext_lazy("Đề nghị mới"), "skip": gettext_lazy("Đã có hồ sơ, bỏ qua")}
PREVIEW_HEADERS = (
    gettext_lazy("Cá nhân, tập thể"),
    gettext_lazy("Danh hiệu, hình thức"),
    gettext_lazy("Ngày lập thành tích"),
    gettext_lazy("Tóm tắt thành tích"),
)
TITLE_LENGTH = 120


class NominationImportError(Exception):
    """An import that cannot be started or confirmed; the message is shown as is."""


def award_types_of(campaign):
    return AwardType.objects.filter(is_active=True, campaigns=campaign).order_by(
        "sort_order", "name"
    )


def nomination_columns(campaign) -> list[Column]:
    """The columns of a list for ``campaign``: its forms are the drop-down list."""
    awards = list(award_types_of(campaign))
    return [
        Column(gettext_lazy("STT"), "index", text(16), aliases=("TT", "Số TT"), example=1, width=6),
        Column(
            gettext_lazy("Đối tượng"),
            "kind",
            choice(SUBJECT_KINDS),
            required=True,
            choices=tuple(str(label) for _value, label in SUBJECT_KINDS),
            example=str(SUBJECT_KINDS[0][1]),
            width=12,
        ),
        Column(
            gettext_lazy("Họ tên hoặc tên tập thể"),
            "name",
            text(255),
            required=True,
            aliases=("Họ và tên", "Tên tập thể"),
            example="Nguyễn Văn An",
            width=30,
        ),
        Column(
            gettext_lazy("Ngày sinh"),
            "born",
            date(validate_birth_date),
            width=14,
            note=gettext_lazy("cá nhân: để phân biệt người trùng tên."),
        ),
        Column(gettext_lazy("Số CCCD"), "citizen_id", citizen_id, aliases=("CCCD",), width=16),
        Column(
            gettext_lazy("Danh hiệu, hình thức đề nghị"),
            "award_type",
            choice([(a.pk, a.name) for a in awards], also=[(a.pk, a.code) for a in awards]),
            required=True,
            choices=tuple(a.name for a in awards),
            example=awards[0].name if awards else "",
            width=40,
        ),
        Column(
            gettext_lazy("Tóm tắt thành tích"),
            "summary",
            long_text(),
            required=True,
            example="Trực tiếp tham gia điều trị bệnh nhân COVID-19 tại khu cách ly tập trung.",
            width=60,
        ),
        Column(
            gettext_lazy("Ngày lập thành tích"),
            "achieved_on",
            date(validate_happened_date),
            required=True,
            example=datetime.date(2021, 9, 15),
            width=14,
        ),
        Column(
            gettext_lazy("Loại thành tích"),
            "category",
            choice(AchievementCategory.choices),
            choices=tuple(str(label) for label in AchievementCategory.labels),
            width=14,
            note=gettext_lazy("để trống: Thường xuyên."),
        ),
    ]


def _headline(summary: str) -> str:
    first = summary.strip().splitlines()[0] if summary.strip() else ""
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1] + "…"


class NominationImporter:
    """The list's columns, checks and writes, for ``common.services.imports``."""

    def __init__(self, campaign):
        self.campaign = campaign
        self.columns = nomination_columns(campaign)
        self.headers = {column.key: str(column.header) for column in self.columns}

    def lock(self, job) -> None:
        # Two lists for one campaign write one after the other, whichever units send them:
        # the second sees the first's nominations (the natural key is the campaign's).
        # NO KEY: a nomination created meanwhile on the pages is not held up.
        campaigns = type(self.campaign).objects
        list(campaigns.select_for_update(no_key=True).filter(pk=job.campaign_id).values("pk"))

    def plan(self, job, result) -> Plan:
        unit = Unit.objects.get(pk=job.nominating_unit_id)
        awards = {a.pk: a for a in award_types_of(self.campaign)}
        people = list(
            Individual.objects.filter(unit__path__startswith=unit.path).values(
                "id", "full_name", "date_of_birth", "citizen_id", "is_household"
            )
        )
        by_id = {p["citizen_id"]: p for p in people if p["citizen_id"]}
        by_key, by_name = defaultdict(list), defaultdict(list)
        for person in people:
            by_key[(fold(person["full_name"]), person["date_of_birth"])].append(person)
            by_name[fold(person["full_name"])].append(person)
        units = defaultdict(list)
        for row in Unit.objects.filter(path__startswith=unit.path).values(
            "id", "name", "short_name", "code"
        ):
            for name in {fold(row["name"]), fold(row["short_name"]), row["code"].lower()}:
                if name:
                    units[name].append(row)
        bad = {error.row for error in result.errors}
        matched = []
        for row in result.rows:
            if row.number in bad:
                continue
            subject = self._subject(row, result, unit, by_id, by_key, by_name, units)
            if subject is None:
                continue
            award = awards[row["award_type"]]
            if not award.fits_subject(subject["type"]):
                result.error(
                    row.number,
                    self.headers["award_type"],
                    _("“%(award)s” không dành cho %(subject)s.")
                    % {"award": award.name, "subject": SubjectType(subject["type"]).label.lower()},
                )
                continue
            matched.append((row, subject, award))
        return self._plan(result, matched)

    def _subject(self, row, result, unit, by_id, by_key, by_name, units):
        name = row["name"]
        if row["kind"] == COLLECTIVE:
            found = {u["id"]: u for u in units.get(fold(name), [])}
            if len(found) != 1:
                message = (
                    _(
                        "Không có tập thể “%(name)s” trong %(unit)s và các đơn vị trực thuộc "
                        "(ghi đúng tên hoặc mã đơn vị)."
                    )
                    if not found
                    else _("Có %(count)s đơn vị tên “%(name)s”: hãy ghi mã đơn vị.")
                )
                result.error(
                    row.number,
                    self.headers["name"],
                    message % {"name": name, "unit": unit.name, "count": len(found)},
                )
                return None
            (collective,) = found.values()
            return {"unit": collective["id"], "type": SubjectType.COLLECTIVE, "name": name}
        if row["citizen_id"]:
            candidates = [by_id[row["citizen_id"]]] if row["citizen_id"] in by_id else []
        elif row["born"]:
            candidates = by_key.get((fold(name), row["born"]), [])
        else:
            candidates = by_name.get(fold(name), [])
        if len(candidates) != 1:
            if not candidates:
                message = _(
                    "Không có “%(name)s” trong danh sách cán bộ của %(unit)s và các đơn vị "
                    "trực thuộc: hãy nhập danh sách cán bộ trước (Nhập danh sách cán bộ)."
                )
            else:
                message = _(
                    "Có %(count)s người tên “%(name)s”: hãy ghi ngày sinh hoặc số CCCD để "
                    "phân biệt."
                )
            result.error(
                row.number,
                self.headers["name"],
                message % {"name": name, "unit": unit.name, "count": len(candidates)},
            )
            return None
        person = candidates[0]
        kind = SubjectType.HOUSEHOLD if person["is_household"] else SubjectType.INDIVIDUAL
        return {"individual": person["id"], "type": kind, "name": person["full_name"]}

    def _plan(self, result, matched) -> Plan:
        plan = Plan()
        existing = set(
            Nomination.objects.filter(
                campaign=self.campaign,
                award_type__in={award.pk for _r, _s, award in matched},
            )
            .exclude(state=NominationState.WITHDRAWN)
            .filter(individual__in=[s["individual"] for _r, s, _a in matched if "individual" in s])
            .values_list("individual_id", "unit_id", "award_type_id")
        ) | set(
            Nomination.objects.filter(
                campaign=self.campaign,
                unit__in=[s["unit"] for _r, s, _a in matched if "unit" in s],
            )
            .exclude(state=NominationState.WITHDRAWN)
            .values_list("individual_id", "unit_id", "award_type_id")
        )
        seen = {}
        for row, subject, award in matched:
            key = (subject.get("individual"), subject.get("unit"), award.pk)
            if key in seen:
                result.error(
                    row.number,
                    "",
                    _("Trùng với dòng %(row)s (cùng người hoặc tập thể, cùng hình thức).")
                    % {"row": seen[key]},
                )
                continue
            seen[key] = row.number
            action = "skip" if key in existing else "new"
            plan.count(action)
            plan.items.append((action, subject, award.pk, row.values))
            plan.show(
                row.number,
                str(ACTIONS[action]),
                [
                    subject["name"],
                    award.name,
                    vndate(row["achieved_on"]),
                    _headline(row["summary"]),
                ],
            )
        return plan

    def write(self, job, plan, step) -> None:
        by, unit = job.confirmed_by, job.nominating_unit
        awards = AwardType.objects.in_bulk([pk for _a, _s, pk, _v in plan.items])
        people = Individual.objects.in_bulk(
            [s["individual"] for _a, s, _pk, _v in plan.items if "individual" in s]
        )
        collectives = Unit.objects.in_bulk(
            [s["unit"] for _a, s, _pk, _v in plan.items if "unit" in s]
        )
        for action, subject, award_pk, values in plan.items:
            if action == "new":
                individual = people.get(subject.get("individual"))
                collective = collectives.get(subject.get("unit"))
                achievement = Achievement.objects.create(
                    individual=individual,
                    unit=collective,
                    owner_unit=unit,
                    campaign=self.campaign,
                    date=values["achieved_on"],
                    category=values.get("category") or AchievementCategory.REGULAR,
                    title=_headline(values["summary"]),
                    description=values["summary"],
                    recorded_by=by,
                )
                save_nomination(
                    by=by,
                    nominating_unit=unit,
                    campaign=self.campaign,
                    award_type=awards[award_pk],
                    summary=values["summary"],
                    achievements=[achievement],
                    individual=individual,
                    unit=collective,
                )
            step(1)


def _enqueue(job) -> None:
    run_nomination_import.delay(import_id=job.pk)


def start_nomination_import(campaign, nominating_unit, workbook, *, by) -> NominationImport:
    """Keep ``workbook`` (a checked upload) as ``nominating_unit``'s list for
    ``campaign`` and check it: now for a small file, in the background otherwise.
    Writes nothing but the job; raises :class:`NominationImportError` if ``by`` may not
    nominate for the unit."""
    if not rules.can_nominate_for(by, nominating_unit):
        raise NominationImportError(_("Bạn không đề nghị khen thưởng thay cho đơn vị này được."))
    with transaction.atomic():
        job = NominationImport(
            campaign=campaign,
            nominating_unit=nominating_unit,
            original_name=workbook.original_name,
            row_count=workbook.rows,
            total=workbook.rows,
            stage=ImportStage.CHECKING,
            state=JobState.PENDING,
            created_by=by,
        )
        job.file.save("danh-sach-de-nghi.xlsx", ContentFile(workbook.data), save=False)
        job.save()
        if not is_small(job):
            _enqueue(job)
    if is_small(job):
        check_import(job, NominationImporter(campaign), reraise=False)
    return job


def confirm_nomination_import(job, *, by) -> NominationImport:
    """Write a checked list (READY): now for a small file, in the background otherwise.
    Raises :class:`NominationImportError` if ``by`` may not or it is not READY."""
    job = confirm_import(
        job,
        by=by,
        allowed=rules.can_confirm_nomination_import,
        enqueue=_enqueue,
        refused=NominationImportError,
    )
    if is_small(job):
        write_import(
            job, NominationImporter(job.campaign), action=NOMINATION_IMPORT_WRITE, reraise=False
        )
    return job


def retry_nomination_import(job, *, by) -> NominationImport:
    """Run a failed or silent check or write again (now for a small file).  Raises
    :class:`NominationImportError` if ``by`` may not or nothing failed."""
    job = retry_import(
        job,
        by=by,
        allowed=rules.can_confirm_nomination_import,
        enqueue=_enqueue,
        refused=NominationImportError,
    )
    if is_small(job):
        run_import(
            job, NominationImporter(job.campaign), action=NOMINATION_IMPORT_WRITE, reraise=False
        )
    return job


def process_nomination_import(job) -> NominationImport:
    """The worker's step (task ``awards.run_nomination_import``): check or write."""
    return run_import(job, NominationImporter(job.campaign), action=NOMINATION_IMPORT_WRITE)


def nomination_template(campaign) -> bytes:
    """The blank template of a list for ``campaign``."""
    return template_workbook(
        nomination_columns(campaign),
        title=_("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG – %(campaign)s") % {"campaign": campaign.title},
        instructions=[
            _(
                "Mỗi dòng là một cá nhân hoặc tập thể của đơn vị đề nghị (kể cả đơn vị trực "
                "thuộc). Cá nhân phải có trong danh sách cán bộ: nhập danh sách cán bộ trước."
            ),
            _(
                "Mỗi dòng tạo một thành tích và một hồ sơ dự thảo; hồ sơ đã có (cùng phong "
                "trào, cùng người hoặc tập thể, cùng hình thức) được bỏ qua, không tạo trùng."
            ),
        ],
    )
