"""Filters of the awards lists (django-filter): the review queue, the decisions,
and the approved nominations a draft decision can take."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from common.dates import validate_filter_date
from common.forms import FilterForm
from common.text import fold
from common.widgets import AutocompleteSelect
from units.models import Individual, Unit
from units.selectors import units_visible_to

from . import rules, selectors, statistics
from .enums import DecisionState, NominationState
from .models import AwardDecision, AwardType, Nomination
from .models.nominations import QUEUE_ORDER
from .services.nominations import WorkflowError

#: Up to this many people (or units) found by a name, their ids are handed to the
#: rows' query as a list; past it, as a subquery.
SEARCH_IDS_LIMIT = 2000


def search_subjects(queryset, value):
    """Rows (nominations, a decision's lines) whose individual or collective name
    contains ``value`` (accents folded).

    The names are matched in their own tables, which a trigram index serves on
    PostgreSQL (``units`` migration 0006); a condition on the joined tables would read
    every row with its person and unit.  A name few people share is read first and
    its ids given as a list, which the planner can estimate and follow through the
    rows' person and unit indexes (as a subquery it walked the whole queue's index
    filtering 500,000 rows: 200 ms for "dang van hai"'s 390 nominations); a name many
    share stays a subquery, whose rows the queue's order meets soon."""
    folded = fold((value or "").strip())
    if not folded:
        return queryset
    people = Individual.objects.filter(search_name__contains=folded).values_list("pk", flat=True)
    units = Unit.objects.filter(search_name__contains=folded).values_list("pk", flat=True)
    found_people = list(people[: SEARCH_IDS_LIMIT + 1])
    found_units = list(units[: SEARCH_IDS_LIMIT + 1])
    if len(found_people) > SEARCH_IDS_LIMIT or len(found_units) > SEARCH_IDS_LIMIT:
        return queryset.filter(Q(individual__in=people) | Q(unit__in=units))
    return queryset.filter(Q(individual__in=found_people) | Q(unit__in=found_units))


#: The queue's "whose rows" choice: waiting at a level the user reviews for, or all.
QUEUE_MINE, QUEUE_ALL = "mine", "all"


class NominationFilter(django_filters.FilterSet):
    """The review queue's filters.  A reviewer (a unit's member, the staff at the
    province) also gets ``queue``: "Chờ đơn vị tôi xét duyệt", on when no filter is
    chosen and something waits for them (an officer whose unit reviews nothing still
    sees their own dossiers first; a link with filters lists every row that fits).
    The view asks ``queue_fallback`` once it has counted the rows."""

    queue = django_filters.ChoiceFilter(
        label=_("Hồ sơ"),
        choices=[
            (QUEUE_MINE, _("Chờ đơn vị tôi xét duyệt")),
            (QUEUE_ALL, _("Tất cả hồ sơ tôi được xem")),
        ],
        empty_label=None,
        method="waiting_for_me",
    )
    q = django_filters.CharFilter(
        label=_("Tìm theo tên"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Họ tên, tên tập thể…"), "type": "search"}),
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("Phong trào"), queryset=None, empty_label=_("Tất cả")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (gồm đơn vị trực thuộc)"),
        queryset=None,
        method="under_unit",
        empty_label=_("Tất cả"),
        # Searched, not listed: a province has thousands of units.
        widget=AutocompleteSelect("units:unit_autocomplete", placeholder=_("Tất cả đơn vị")),
    )
    award_type = django_filters.ModelChoiceFilter(
        label=_("Danh hiệu, hình thức"),
        queryset=AwardType.objects.filter(is_active=True).only("name"),
        empty_label=_("Tất cả"),
    )
    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=NominationState.choices, empty_label=_("Tất cả")
    )
    is_fast_track = django_filters.BooleanFilter(
        label=_("Khen đột xuất"),
        widget=forms.Select(choices=[("", _("Tất cả")), ("true", _("Có")), ("false", _("Không"))]),
    )
    submitted_from = django_filters.DateFilter(
        label=_("Gửi từ ngày"),
        field_name="submitted_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_filter_date],
    )
    submitted_to = django_filters.DateFilter(
        label=_("đến ngày"),
        field_name="submitted_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_filter_date],
    )
    sort = django_filters.OrderingFilter(
        label=_("Sắp xếp"),
        fields=(
            ("submitted_at", "submitted"),
            ("state_changed_at", "changed"),
            ("nominating_unit__name", "unit"),
            ("award_type__sort_order", "award"),
            ("state", "state"),
        ),
        # Every choice in words (django-filter would add an English "(descending)").
        choices=[
            ("-submitted", _("Ngày gửi (mới nhất trước)")),
            ("submitted", _("Ngày gửi (cũ nhất trước)")),
            ("-changed", _("Ngày cập nhật (mới nhất trước)")),
            ("changed", _("Ngày cập nhật (cũ nhất trước)")),
            ("unit", _("Đơn vị đề nghị (A → Z)")),
            ("-unit", _("Đơn vị đề nghị (Z → A)")),
            ("award", _("Hình thức (theo thứ tự danh mục)")),
            ("-award", _("Hình thức (ngược thứ tự danh mục)")),
            ("state", _("Trạng thái (nhóm theo trạng thái)")),
            ("-state", _("Trạng thái (nhóm theo trạng thái, thứ tự ngược)")),
        ],
        empty_label=_("Mặc định (đột xuất đang chờ trước, mới gửi trước)"),
    )

    class Meta:
        model = Nomination
        fields = []
        form = FilterForm

    def __init__(self, data=None, *args, user, queryset=None, queue=QUEUE_MINE, **kwargs):
        self.user = user
        reviewer = rules.can_work_review_queue(user)
        chosen = [key for key in (data or {}) if key != "page"]
        #: ``queue`` was not asked for: it is the default given (see ``queue_fallback``).
        self.queue_defaulted = reviewer and not chosen
        if self.queue_defaulted:
            data = data.copy() if data is not None else {}
            data["queue"] = queue
        super().__init__(data, *args, queryset=queryset, **kwargs)
        if not reviewer:
            del self.filters["queue"]
        self.filters["unit"].queryset = units_visible_to(user)
        self.filters["campaign"].queryset = selectors.campaign_model().objects.only("title")

    def queue_fallback(self, found: int):
        """The filter to show instead when the default "waiting for me" found nothing:
        every row the user may see; None when this one stands.  ``found`` is the number
        of rows this filter matched, which the page counts anyway, so the question
        "anything waiting?" costs no query of its own."""
        if found or not self.queue_defaulted or self.data["queue"] != QUEUE_MINE:
            return None
        data = self.data.copy()
        del data["queue"]
        return type(self)(data or None, queryset=self.queryset, user=self.user, queue=QUEUE_ALL)

    def waiting_for_me(self, queryset, name, value):
        if value == QUEUE_MINE:
            return selectors.waiting_for_review_by(self.user, queryset)
        return queryset

    def search(self, queryset, name, value):
        return search_subjects(queryset, value)

    def under_unit(self, queryset, name, unit):
        return queryset.filter(nominating_unit__path__startswith=unit.path)

    @property
    def qs(self):
        """The rows in the chosen order, open fast track first whatever it is.

        Empty dates go last both ways, and ``-id`` breaks ties, so the order is
        total and the default one is the ``nomination_queue`` index's.
        """
        queryset = super().qs
        chosen = [str(name) for name in queryset.query.order_by]
        if not chosen:
            return queryset.order_by(*QUEUE_ORDER)
        ordering = [
            F(name[1:]).desc(nulls_last=True)
            if name.startswith("-")
            else F(name).asc(nulls_last=True)
            for name in chosen
        ]
        return queryset.order_by(F("is_pinned").desc(), *ordering, F("id").desc())


def queue_rows_for_bulk(user, filters: str, *, limit: int):
    """The keys (a subquery) of the rows the review queue lists for the query string
    ``filters``, its "whose rows" fallback included, for a bulk action on all of
    them.  Refused (``WorkflowError``) when a filter is not valid, rather than
    widened by dropping it, or when the rows are more than ``limit``."""
    filterset = NominationFilter(
        QueryDict(filters) or None, queryset=selectors.nomination_queue(user), user=user
    )
    if filterset.is_bound and not filterset.is_valid():
        raise WorkflowError(_("Bộ lọc không hợp lệ: hãy lọc lại danh sách rồi thao tác."))
    found = filterset.qs.order_by().values("pk")[: limit + 1].count()
    fallback = filterset.queue_fallback(found)
    if fallback is not None:
        filterset = fallback
        found = filterset.qs.order_by().values("pk")[: limit + 1].count()
    if found > limit:
        raise WorkflowError(
            _(
                "Bộ lọc khớp hơn %(limit)d hồ sơ: hãy lọc hẹp hơn (theo phong trào, "
                "đơn vị, hình thức hoặc ngày gửi) rồi thao tác lại."
            )
            % {"limit": limit}
        )
    return filterset.qs.order_by().values("pk")


class DecisionFilter(django_filters.FilterSet):
    """The decisions list: by state, and for a unit's people their units' own decisions
    ("Quyết định của đơn vị", ``own``) apart from those that only concern them."""

    state = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=DecisionState.choices, empty_label=_("Tất cả")
    )
    own = django_filters.BooleanFilter(method="issued_by_own_units", widget=forms.HiddenInput)

    class Meta:
        model = AwardDecision
        fields = []

    def __init__(self, *args, issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.issuers = list(issuers)

    def issued_by_own_units(self, queryset, name, value):
        return queryset.filter(issuer_id__in=self.issuers) if value else queryset


class CandidateFilter(django_filters.FilterSet):
    """Which approved nominations the "add recipients" page of a draft lists."""

    campaign = django_filters.ModelChoiceFilter(
        label=_("Phong trào"), queryset=None, empty_label=_("Tất cả")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (gồm đơn vị trực thuộc)"),
        queryset=Unit.objects.order_by("path"),
        method="under_unit",
        empty_label=_("Tất cả"),
    )
    award_type = django_filters.ModelChoiceFilter(
        label=_("Danh hiệu, hình thức đề nghị"),
        queryset=AwardType.objects.filter(is_active=True).only("name"),
        empty_label=_("Tất cả"),
    )
    q = django_filters.CharFilter(
        label=_("Tìm theo tên"),
        method="search",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Họ tên, tên tập thể…")}),
    )

    FIELDS = ("campaign", "unit", "award_type", "q")

    class Meta:
        model = Nomination
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["campaign"].queryset = selectors.published_campaigns()

    @classmethod
    def for_decision(cls, data, decision, queryset):
        """Bound to the submitted filters, or to the decision's campaign and form."""
        if not any(name in data for name in cls.FIELDS):
            data = {
                "campaign": decision.campaign_id or "",
                "award_type": decision.award_type_id,
            }
        return cls(data, queryset=queryset)

    def search(self, queryset, name, value):
        return search_subjects(queryset, value)

    def under_unit(self, queryset, name, unit):
        return queryset.filter(
            Q(nominating_unit__path__startswith=unit.path)
            | Q(unit__path__startswith=unit.path)
            | Q(individual__unit__path__startswith=unit.path)
        )

    def query(self) -> dict:
        """The valid filters as URL parameters, for page links and the "add all" form."""
        self.is_valid()
        values = {name: self.form.cleaned_data.get(name) for name in self.FIELDS}
        return {
            name: (value.pk if hasattr(value, "pk") else value)
            for name, value in values.items()
            if value
        }


class StatisticsFilter(django_filters.FilterSet):
    """The statistics page's filters: campaign, the nominating unit with its sub-units
    (a search box over the units the user sees), the dates, and how the "by period"
    table groups (``period``: month, quarter, year; it filters nothing).  The dates
    bound both what was sent and what was awarded (``statistics.counted``)."""

    campaign = django_filters.ModelChoiceFilter(
        label=_("Phong trào"), queryset=None, empty_label=_("Tất cả")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Đơn vị (gồm đơn vị trực thuộc)"),
        queryset=None,
        method="under_unit",
        empty_label=_("Tất cả"),
        widget=AutocompleteSelect("units:unit_autocomplete", placeholder=_("Tất cả đơn vị")),
    )
    date_from = django_filters.DateFilter(
        label=_("Từ ngày"),
        method="keep",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_filter_date],
    )
    date_to = django_filters.DateFilter(
        label=_("đến ngày"),
        method="keep",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_filter_date],
    )
    period = django_filters.ChoiceFilter(
        label=_("Thống kê theo thời gian"),
        choices=[
            (statistics.MONTH, _("Theo tháng")),
            (statistics.QUARTER, _("Theo quý")),
            (statistics.YEAR, _("Theo năm")),
        ],
        empty_label=None,
        method="keep",
    )

    class Meta:
        model = Nomination
        fields = []
        form = FilterForm

    def __init__(self, data=None, *args, user, queryset=None, **kwargs):
        super().__init__(data, *args, queryset=queryset, **kwargs)
        self.filters["unit"].queryset = units_visible_to(user)
        self.filters["campaign"].queryset = selectors.campaign_model().objects.only("title")

    def under_unit(self, queryset, name, unit):
        return queryset.filter(nominating_unit__path__startswith=unit.path)

    def keep(self, queryset, name, value):
        """The dates and the period shape the figures (``statistics.build_statistics``)."""
        return queryset

    def chosen(self) -> dict:
        """The valid choices: ``campaign``, ``root`` (the unit), ``date_from``,
        ``date_to`` and ``period``."""
        self.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})  # none while unbound
        data = {k: v for k, v in cleaned.items() if k not in self.form.errors}
        return {
            "campaign": data.get("campaign"),
            "root": data.get("unit"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "period": data.get("period") or statistics.MONTH,
        }
