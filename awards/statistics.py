"""The statistics page's figures: nominations and awards counted and summed.

Why here, in awards, and not in campaign: every figure is a count over nominations
(what was proposed, what was awarded, for how much), and the campaign is only one
of the keys they are grouped by, read through the nomination's foreign key as the
rest of awards does (``selectors.campaign_model``).  Campaign sits above awards, so
its pages (a review's report) can use these functions; awards could not use them
if they lived in campaign.

The rows are those of ``selectors.nominations_visible_to(user)`` after the page's
filters (``filters.StatisticsFilter``): an officer counts their own branch only.
Each nomination counts

* as **proposed** (đề nghị) when it was sent (``submitted_at``; a draft never sent
  does not count) within the chosen dates, and
* as **awarded** (khen thưởng) when a decision in force awards it
  (``Nomination.awarded_on``, kept by ``services/outcomes.py``) within the chosen
  dates, with its bonus (``award_amount``; nothing for a central award).

Every table is one grouped query over the nominations' own columns (with the
person and the award type joined); nothing here loops over rows.  A unit's row
adds up its whole subtree (a department with its communes) from one query grouped
by the nominating unit's materialised path.  The time from achievement to award
is the days from the earliest linked achievement (``achieved_on``) to the award,
read as a histogram (days → how many) and summarised here, so the median needs no
database function.

:func:`cached_statistics` keeps a page's figures as a ``common.cache`` fragment, under
the user's scope and the page's filters, in the :data:`STATISTICS_NAMESPACE` namespace,
which every write to the tables the figures are read from retires at once
(``apps.AwardsConfig.ready`` ties them): over a province's hundreds of thousands of
nominations the tables take seconds to count.  So that a busy day's stream of writes
does not make every look a recount, figures a write retired are still shown until
they are ``STATISTICS_STALE_SECONDS`` old (60; 0 counts again at once), and the
page says when they were counted.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.utils import timezone
from django.utils.translation import gettext as _

from common.cache import fragment
from units.enums import Gender, IndividualCategory
from units.models import Unit
from units.rules import officer_unit_paths
from units.selectors import units_visible_to

from . import rules
from .enums import AwardLevel

#: The period choices of the "by period" table.
MONTH, QUARTER, YEAR = "month", "quarter", "year"
PERIODS = (MONTH, QUARTER, YEAR)
_TRUNC = {MONTH: TruncMonth, QUARTER: TruncQuarter, YEAR: TruncYear}

#: The keys of the tables, in the page's order.
TABLES = (
    "campaign",
    "unit",
    "award_type",
    "level",
    "category",
    "gender",
    "period",
    "front_line",
    "time_to_award",
)

#: The category row of collectives (they have no individual category).
COLLECTIVE = "collective"

#: The ``common.cache`` namespace of the cached figures: the nominations, their people,
#: the units, the award types and the campaigns (``apps.AwardsConfig.ready``).
STATISTICS_NAMESPACE = "statistics"


@dataclass
class Row:
    """One row of a table: what it counts and its figures."""

    label: str
    proposed: int = 0
    awarded: int = 0
    amount: int = 0
    unit_id: int | None = None  # a unit's row: the page links to its own figures

    def add(self, proposed, awarded, amount) -> None:
        self.proposed += proposed or 0
        self.awarded += awarded or 0
        self.amount += amount or 0

    @property
    def rate(self) -> float | None:
        """Awarded per hundred proposed (None when nothing was proposed)."""
        return round(100 * self.awarded / self.proposed, 1) if self.proposed else None


@dataclass
class Table:
    """A table of the page (and a sheet of its Excel file)."""

    key: str
    title: str
    label_header: str
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    #: Whether "awarded per hundred proposed" means something for its rows (not for
    #: periods: what a month awards was mostly proposed in earlier months).
    shows_rate: bool = True

    @property
    def total(self) -> Row:
        total = Row(_("Tổng cộng"))
        for row in self.rows:
            total.add(row.proposed, row.awarded, row.amount)
        return total


@dataclass
class Delay:
    """The days from achievement to award of one group of awards."""

    label: str
    count: int = 0
    average: float | None = None
    median: float | None = None
    shortest: int | None = None
    longest: int | None = None


@dataclass
class Statistics:
    tables: list[Table]
    delays: list[Delay]
    period: str
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    root: Unit | None = None
    #: when the figures were counted (set by :func:`cached_statistics`)
    computed_at: datetime.datetime | None = None

    def table(self, key) -> Table:
        return next(t for t in self.tables if t.key == key)

    @property
    def totals(self) -> Row:
        return self.table("campaign").total

    @property
    def front_line_share(self) -> float | None:
        """Per cent of the individuals awarded who hold no leading post (None: none)."""
        front, leaders = self.table("front_line").rows
        awarded = front.awarded + leaders.awarded
        return round(100 * front.awarded / awarded, 1) if awarded else None


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def counted_conditions(date_from=None, date_to=None) -> tuple[Q, Q]:
    """(proposed, awarded): which rows count as sent, and as awarded, in the dates.
    A day's bounds are the portal's time zone's, written as a range on the column."""
    proposed, awarded = Q(submitted_at__isnull=False), Q(awarded_on__isnull=False)
    if date_from:
        proposed &= Q(submitted_at__gte=_day_start(date_from))
        awarded &= Q(awarded_on__gte=date_from)
    if date_to:
        proposed &= Q(submitted_at__lt=_day_start(date_to + datetime.timedelta(days=1)))
        awarded &= Q(awarded_on__lte=date_to)
    return proposed, awarded


def counted(queryset, date_from=None, date_to=None):
    """The rows of ``queryset`` that count at all: sent or awarded within the dates."""
    proposed, awarded = counted_conditions(date_from, date_to)
    return queryset.filter(proposed | awarded)


def _grouped(queryset, conditions, *keys):
    proposed, awarded = conditions
    return (
        queryset.values(*keys)
        .annotate(
            proposed=Count("pk", filter=proposed),
            awarded=Count("pk", filter=awarded),
            amount=Sum("award_amount", filter=awarded),
        )
        .order_by()
    )


def _figures(group) -> tuple[int, int, int]:
    return group["proposed"], group["awarded"], group["amount"] or 0


def _sorted(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (-r.proposed, -r.awarded, r.label))


# --- The tables -----------------------------------------------------------------------------


def top_units(user) -> list[Unit]:
    """The units a user's figures start from when no unit is chosen: the roots of the
    tree for those who see everything, otherwise the units the officer acts for (none
    below another)."""
    if rules.can_view_everything(user):
        return list(Unit.objects.filter(parent__isnull=True).only("name", "path", "parent_id"))
    paths = sorted(set(officer_unit_paths(user)))
    tops = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return list(
        Unit.objects.filter(path__in=tops).only("name", "path", "parent_id").order_by("path")
    )


def parent_in_scope(user, unit: Unit | None) -> int | None:
    """The id of ``unit``'s parent when the user may see its figures (the page's "up one
    level" link), else None."""
    if unit is None or unit.parent_id is None:
        return None
    return unit.parent_id if units_visible_to(user).filter(pk=unit.parent_id).exists() else None


def unit_rows(grouped, root: Unit | None, tops: list[Unit]) -> list[Row]:
    """Rolled-up rows from figures grouped by the nominating unit's path.

    Under a ``root``: one row per unit one level below it, each with its whole
    subtree, and one for the root's own nominations ("trực tiếp").  Without one:
    one row per unit of ``tops``, each with its subtree.  ``grouped`` is an
    iterable of dicts with ``nominating_unit__path``, ``proposed``, ``awarded``
    and ``amount``."""
    buckets: dict[int, Row] = {}
    if root is not None:
        depth = len(root.path.strip("/").split("/"))
        for group in grouped:
            path = group["nominating_unit__path"]
            if not path.startswith(root.path):
                continue
            key = root.pk if path == root.path else int(path.strip("/").split("/")[depth])
            buckets.setdefault(key, Row("", unit_id=key)).add(*_figures(group))
        names = dict(Unit.objects.filter(pk__in=list(buckets)).values_list("pk", "name"))
        for key, row in buckets.items():
            row.label = names.get(key, "")
            if key == root.pk:
                row.label = _("%(unit)s (trực tiếp)") % {"unit": root.name}
                row.unit_id = None
        return _sorted(buckets.values())
    for group in grouped:
        path = group["nominating_unit__path"]
        for top in tops:
            if path.startswith(top.path):
                buckets.setdefault(top.pk, Row(top.name, unit_id=top.pk)).add(*_figures(group))
                break
    return _sorted(buckets.values())


def _unit_table(queryset, conditions, root, user) -> tuple[Table, Unit | None]:
    tops = [] if root is not None else top_units(user)
    if root is None and len(tops) == 1:
        root = tops[0]
    grouped = _grouped(queryset, conditions, "nominating_unit__path")
    rows = unit_rows(grouped, root, tops)
    note = (
        _("Mỗi dòng gồm cả các đơn vị trực thuộc; bấm tên đơn vị để xem chi tiết bên trong.")
        if rows
        else ""
    )
    return Table("unit", _("Theo đơn vị"), _("Đơn vị đề nghị"), rows, note), root


def _campaign_and_award_tables(queryset, conditions) -> tuple[Table, Table, Table]:
    """By campaign, by title or form, and by level, from one query grouped by campaign
    and form (a province runs a few campaigns, the catalogue has a few dozen forms)."""
    grouped = list(
        _grouped(
            queryset,
            conditions,
            "campaign_id",
            "campaign__title",
            "award_type_id",
            "award_type__name",
            "award_type__sort_order",
            "award_type__level",
        )
    )
    campaigns: dict[int, Row] = {}
    types: dict[int, tuple] = {}
    levels = {level: Row(str(label)) for level, label in AwardLevel.choices}
    for g in grouped:
        figures = _figures(g)
        campaigns.setdefault(g["campaign_id"], Row(g["campaign__title"])).add(*figures)
        key = (g["award_type__sort_order"], g["award_type__name"], g["award_type_id"])
        types.setdefault(key, Row(g["award_type__name"])).add(*figures)
        levels.setdefault(g["award_type__level"], Row(g["award_type__level"])).add(*figures)
    return (
        Table("campaign", _("Theo phong trào"), _("Phong trào"), _sorted(campaigns.values())),
        Table(
            "award_type",
            _("Theo danh hiệu, hình thức"),
            _("Danh hiệu, hình thức"),
            [types[key] for key in sorted(types)],
        ),
        Table(
            "level",
            _("Theo cấp khen"),
            _("Cấp khen"),
            [row for row in levels.values() if row.proposed or row.awarded],
        ),
    )


def _subject_tables(queryset, conditions) -> tuple[Table, Table, Table]:
    """By subject category, by gender, and the front-line share, from one query."""
    grouped = list(
        _grouped(
            queryset,
            conditions,
            "individual__category",
            "individual__gender",
            "individual__is_leader",
            "individual__is_household",
        )
    )
    categories = {value: Row(str(label)) for value, label in IndividualCategory.choices}
    categories[COLLECTIVE] = Row(_("Tập thể"))
    genders = {value: Row(str(label)) for value, label in Gender.choices}
    leaders = Row(_("Lãnh đạo, quản lý"))
    front = Row(_("Người lao động trực tiếp (không giữ chức vụ lãnh đạo, quản lý)"))
    for g in grouped:
        figures = _figures(g)
        category = g["individual__category"]
        if category is None:  # a collective
            categories[COLLECTIVE].add(*figures)
            continue
        categories.setdefault(category, Row(category)).add(*figures)
        genders.setdefault(g["individual__gender"], Row(g["individual__gender"])).add(*figures)
        if not g["individual__is_household"]:
            (leaders if g["individual__is_leader"] else front).add(*figures)
    return (
        Table(
            "category",
            _("Theo đối tượng"),
            _("Đối tượng"),
            [row for row in categories.values() if row.proposed or row.awarded],
        ),
        Table(
            "gender",
            _("Theo giới tính (cá nhân)"),
            _("Giới tính"),
            [row for row in genders.values() if row.proposed or row.awarded],
        ),
        Table(
            "front_line",
            _("Người lao động trực tiếp"),
            _("Cá nhân"),
            [front, leaders],
            _(
                "Cá nhân, không kể hộ gia đình. Luật Thi đua, khen thưởng 2022: khen thưởng "
                "phải chú trọng người lao động trực tiếp."
            ),
        ),
    )


def period_label(moment, period: str) -> str:
    """ "Tháng 09/2021", "Quý 3/2021", "Năm 2021"."""
    if isinstance(moment, datetime.datetime):
        moment = moment.date()
    if period == YEAR:
        return _("Năm %(year)s") % {"year": moment.year}
    if period == QUARTER:
        return _("Quý %(quarter)s/%(year)s") % {
            "quarter": (moment.month - 1) // 3 + 1,
            "year": moment.year,
        }
    return _("Tháng %(month)02d/%(year)s") % {"month": moment.month, "year": moment.year}


def _period_table(queryset, conditions, period) -> Table:
    """Proposed by the month (quarter, year) they were sent, awarded by that of their
    decision: two grouped queries, merged."""
    proposed, awarded = conditions
    trunc = _TRUNC[period]
    rows: dict[datetime.date, Row] = {}
    sent = (
        queryset.filter(proposed)
        .annotate(moment=trunc("submitted_at"))
        .values("moment")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for g in sent:
        day = g["moment"].date() if isinstance(g["moment"], datetime.datetime) else g["moment"]
        rows.setdefault(day, Row(period_label(day, period))).add(g["count"], 0, 0)
    decided = (
        queryset.filter(awarded)
        .annotate(moment=trunc("awarded_on"))
        .values("moment")
        .annotate(count=Count("pk"), amount=Sum("award_amount"))
        .order_by()
    )
    for g in decided:
        day = g["moment"].date() if isinstance(g["moment"], datetime.datetime) else g["moment"]
        rows.setdefault(day, Row(period_label(day, period))).add(0, g["count"], g["amount"])
    ordered = [rows[day] for day in sorted(rows)]
    note = _("Hồ sơ đề nghị tính theo ngày gửi; khen thưởng tính theo ngày quyết định.")
    return Table("period", _("Theo thời gian"), _("Kỳ"), ordered, note, shows_rate=False)


def summarise_delays(label: str, histogram: dict[int, int]) -> Delay:
    """Count, average, median, shortest and longest of a days → how many histogram."""
    count = sum(histogram.values())
    if not count:
        return Delay(label)
    days = sorted(histogram)
    total = sum(day * n for day, n in histogram.items())

    def nth(index):  # the index-th smallest value (0-based)
        seen = 0
        for day in days:
            seen += histogram[day]
            if index < seen:
                return day
        return days[-1]

    middle = count // 2
    median = float(nth(middle)) if count % 2 else (nth(middle - 1) + nth(middle)) / 2
    return Delay(label, count, round(total / count, 1), median, days[0], days[-1])


def _delays(queryset, conditions) -> list[Delay]:
    """Days from achievement to award, for fast-track awards, the others, and all."""
    _proposed, awarded = conditions
    span = ExpressionWrapper(F("awarded_on") - F("achieved_on"), output_field=DurationField())
    grouped = (
        queryset.filter(awarded, achieved_on__isnull=False)
        .annotate(span=span)
        .values("is_fast_track", "span")
        .annotate(count=Count("pk"))
        .order_by()
    )
    fast, other = defaultdict(int), defaultdict(int)
    for g in grouped:
        span = g["span"]
        days = span.days if isinstance(span, datetime.timedelta) else int(span)
        (fast if g["is_fast_track"] else other)[days] += g["count"]
    every = defaultdict(int)
    for histogram in (fast, other):
        for day, n in histogram.items():
            every[day] += n
    return [
        summarise_delays(_("Khen thưởng đột xuất"), fast),
        summarise_delays(_("Khen thưởng theo đợt, thường xuyên"), other),
        summarise_delays(_("Tất cả"), every),
    ]


def build_statistics(
    queryset, *, user, root=None, date_from=None, date_to=None, period=MONTH
) -> Statistics:
    """Every table of the page over ``queryset`` (the visible, filtered nominations).

    ``root`` is the chosen unit (its rows are the units one level below it); without
    one, the page starts from :func:`top_units`.  Eight queries, whatever the rows
    (the top units, by unit and the units' names, by campaign and form, by person,
    two by period, the days to award)."""
    conditions = counted_conditions(date_from, date_to)
    rows = counted(queryset, date_from, date_to)
    unit_table, root = _unit_table(rows, conditions, root, user)
    campaign, award_type, level = _campaign_and_award_tables(rows, conditions)
    category, gender, front_line = _subject_tables(rows, conditions)
    tables = [
        campaign,
        unit_table,
        award_type,
        level,
        category,
        gender,
        _period_table(rows, conditions, period if period in PERIODS else MONTH),
        front_line,
    ]
    return Statistics(
        tables=tables,
        delays=_delays(rows, conditions),
        period=period,
        date_from=date_from,
        date_to=date_to,
        root=root,
    )


def cached_statistics(queryset, *, user, filters: str, **options) -> Statistics:
    """:func:`build_statistics`, kept as a fragment until a write retires it.

    The key is the user's scope (everything, or their units' paths) and ``filters``
    (the page's query string, which the caller gives in a stable order): two people
    who see the same rows share the figures, nobody sees another scope's."""
    scope = "*" if rules.can_view_everything(user) else ",".join(sorted(officer_unit_paths(user)))

    def count() -> Statistics:
        stats = build_statistics(queryset, user=user, **options)
        stats.computed_at = timezone.now()
        return stats

    return fragment(
        "statistics",
        [STATISTICS_NAMESPACE],
        [scope, filters],
        count,
        stale_for=settings.STATISTICS_STALE_SECONDS,
    )
