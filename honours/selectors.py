"""Who the public honour board shows, read straight from the awards; no table of its own.

An *entry* is one award in force:

* a line of an issued decision (the province's or a unit's own) that was not revoked
  one by one: key ``d-<recipient id>``;
* a central award recorded for a nomination the province forwarded
  (``CentralOutcome.AWARDED``): key ``t-<central line id>``.

A revoked decision or line leaves the board at once (it no longer matches); a
reissued certificate belongs to the same line, so the award shows once; drafts and
central nominations still waiting show nothing.  A person or a unit hidden by the staff
(``hidden_from_public``) shows nothing, and neither do the people of a hidden unit.  A
photo shows only while the person's consent is in force (``PhotoConsent``).

Entries carry plain values only (:class:`Entry`): a template never holds a person row,
so nothing beyond the name, the unit, the position as printed and the award can reach
a public page.  Pages are read by key (newest decision first) and never counted.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from awards.enums import AwardLevel
from awards.selectors import publicly_honoured_central, publicly_honoured_lines
from campaign.models import Campaign
from common.text import fold, nfc
from units.models import PhotoConsent, Unit

PAGE_SIZE = 24
#: Sort rank of each kind among entries of the same day (higher first).
_RANK = {"d": 1, "t": 0}
_KEY = re.compile(r"^(?P<kind>[dt])-(?P<pk>\d{1,18})$")
_CURSOR = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})_(?P<kind>[dt])(?P<pk>\d{1,18})$")


@dataclass(frozen=True)
class Entry:
    """One honoured person or collective, as the public sees it."""

    kind: str  # "d": a decision's line; "t": a central award
    pk: int
    name: str
    is_collective: bool
    unit_name: str  # the person's unit, or the collective's parent unit
    position: str  # "chức vụ, đơn vị" as printed on the decision; may be empty
    award: str
    award_level: str
    reference: str  # "1234/QĐ-UBND"
    decided_on: datetime.date
    issuer: str
    citation: str
    campaign_id: int | None
    campaign: str
    photo_id: int | None = None
    individual_id: int | None = None  # for the staff's link; never printed on a public page
    unit_id: int | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.pk}"

    @property
    def cursor(self) -> str:
        return f"{self.decided_on.isoformat()}_{self.kind}{self.pk}"

    @property
    def sort_key(self) -> tuple:
        return (self.decided_on, _RANK[self.kind], self.pk)

    def get_absolute_url(self) -> str:
        return reverse("honours:entry", kwargs={"key": self.key})


@dataclass(frozen=True)
class BoardFilter:
    """What the visitor narrowed the board to; every part optional."""

    campaign: int | None = None
    award_type: int | None = None
    level: str = ""
    unit_path: str = ""
    year: int | None = None
    subject: str = ""  # "individual" or "collective"
    query: str = ""


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    next_cursor: str  # "" on the last page


def decision_lines():
    """Lines in force of issued decisions whose subject may be shown."""
    return publicly_honoured_lines()


def central_awards():
    """Central awards recorded for forwarded nominations whose subject may be shown."""
    return publicly_honoured_central()


def _narrowed(rows, f: BoardFilter, *, prefix: str, award: str, day: str, campaign: str):
    if f.campaign:
        rows = rows.filter(**{campaign: f.campaign})
    if f.award_type:
        rows = rows.filter(**{f"{award}_id": f.award_type})
    if f.level:
        rows = rows.filter(**{f"{award}__level": f.level})
    if f.unit_path:
        rows = rows.filter(
            Q(**{f"{prefix}individual__unit__path__startswith": f.unit_path})
            | Q(**{f"{prefix}unit__path__startswith": f.unit_path})
        )
    if f.year:
        rows = rows.filter(
            **{
                f"{day}__gte": datetime.date(f.year, 1, 1),
                f"{day}__lte": datetime.date(f.year, 12, 31),
            }
        )
    if f.subject == "individual":
        rows = rows.filter(**{f"{prefix}individual__isnull": False})
    elif f.subject == "collective":
        rows = rows.filter(**{f"{prefix}unit__isnull": False})
    for word in fold(f.query).split()[:8]:
        rows = rows.filter(
            Q(**{f"{prefix}individual__search_name__contains": word})
            | Q(**{f"{prefix}unit__search_name__contains": word})
        )
    return rows


def _after(rows, kind: str, cursor, day: str):
    """Rows after ``cursor`` (day, kind, pk) in the board's order (newest first)."""
    if cursor is None:
        return rows
    on, other_kind, pk = cursor
    earlier = Q(**{f"{day}__lt": on})
    if _RANK[kind] < _RANK[other_kind]:
        same_day = Q(**{day: on})
    elif _RANK[kind] == _RANK[other_kind]:
        same_day = Q(**{day: on}, pk__lt=pk)
    else:
        same_day = Q(pk__in=[])
    return rows.filter(earlier | same_day)


def parse_cursor(text: str):
    """(day, kind, pk) from a "next page" link; None for anything else (start again)."""
    match = _CURSOR.match(text or "")
    if not match:
        return None
    try:
        day = datetime.date.fromisoformat(match["day"])
    except ValueError:
        return None
    return day, match["kind"], int(match["pk"])


_LINE_RELATED = (
    "decision__award_type",
    "decision__campaign",
    "decision__issuer",
    "individual__unit",
    "unit__parent",
)
_CENTRAL_RELATED = (
    "result",
    "nomination__award_type",
    "nomination__campaign",
    "nomination__individual__unit",
    "nomination__unit__parent",
)


def _subject_fields(individual, unit) -> dict:
    if individual is not None:
        return {
            "name": nfc(individual.full_name),
            "is_collective": False,
            "unit_name": nfc(individual.unit.name),
        }
    return {
        "name": nfc(unit.name),
        "is_collective": True,
        "unit_name": nfc(unit.parent.name) if unit.parent_id else "",
    }


def _level_label(award_type) -> str:
    return str(AwardLevel(award_type.level).label) if award_type.level else ""


def _line_entry(line, photos) -> Entry:
    decision = line.decision
    return Entry(
        kind="d",
        pk=line.pk,
        **_subject_fields(line.individual, line.unit),
        position=nfc(line.position_and_unit),
        award=nfc(decision.award_type.name),
        award_level=_level_label(decision.award_type),
        reference=decision.reference,
        decided_on=decision.signed_date,
        issuer=nfc(decision.issuer_snapshot.get("name") or decision.issuer.name),
        citation=nfc(decision.citation),
        campaign_id=decision.campaign_id,
        campaign=nfc(decision.campaign.title) if decision.campaign_id else "",
        photo_id=photos.get(line.individual_id),
        individual_id=line.individual_id,
        unit_id=line.unit_id,
    )


def _central_entry(line, photos) -> Entry:
    nomination, result = line.nomination, line.result
    return Entry(
        kind="t",
        pk=line.pk,
        **_subject_fields(nomination.individual, nomination.unit),
        position="",
        award=nfc(nomination.award_type.name),
        award_level=_level_label(nomination.award_type),
        reference=result.decision_number,
        decided_on=result.decision_date,
        issuer=nfc(result.issuer),
        citation="",
        campaign_id=nomination.campaign_id,
        campaign=nfc(nomination.campaign.title),
        photo_id=photos.get(nomination.individual_id),
        individual_id=nomination.individual_id,
        unit_id=nomination.unit_id,
    )


def consented_photos(individual_ids) -> dict[int, int]:
    """Person id -> the id of their consent in force (its photo), for these people."""
    ids = [pk for pk in set(individual_ids) if pk]
    if not ids:
        return {}
    rows = PhotoConsent.objects.filter(individual_id__in=ids, withdrawn_at__isnull=True)
    return dict(rows.values_list("individual_id", "pk"))


def board_page(f: BoardFilter, *, cursor=None, size: int = PAGE_SIZE) -> Page:
    """One page of the board: at most ``size`` entries after ``cursor``, newest first.

    Each source is read by key for ``size + 1`` rows and the two are merged: three
    queries (lines, central awards, photos) whatever the page."""
    lines = _narrowed(
        decision_lines(),
        f,
        prefix="",
        award="decision__award_type",
        day="decision__signed_date",
        campaign="decision__campaign_id",
    )
    lines = _after(lines, "d", cursor, "decision__signed_date")
    lines = list(
        lines.select_related(*_LINE_RELATED).order_by("-decision__signed_date", "-pk")[: size + 1]
    )
    central = _narrowed(
        central_awards(),
        f,
        prefix="nomination__",
        award="nomination__award_type",
        day="result__decision_date",
        campaign="nomination__campaign_id",
    )
    central = _after(central, "t", cursor, "result__decision_date")
    central = list(
        central.select_related(*_CENTRAL_RELATED).order_by("-result__decision_date", "-pk")[
            : size + 1
        ]
    )
    photos = consented_photos(
        [line.individual_id for line in lines] + [c.nomination.individual_id for c in central]
    )
    merged = sorted(
        [_line_entry(line, photos) for line in lines]
        + [_central_entry(line, photos) for line in central],
        key=lambda e: e.sort_key,
        reverse=True,
    )
    entries = merged[:size]
    more = len(merged) > size
    return Page(entries=entries, next_cursor=entries[-1].cursor if more and entries else "")


def entry_by_key(key: str) -> Entry | None:
    """The entry at ``key`` ("d-12", "t-3") if the board shows it; None otherwise."""
    match = _KEY.match(key or "")
    if not match:
        return None
    pk = int(match["pk"])
    if match["kind"] == "d":
        line = decision_lines().select_related(*_LINE_RELATED).filter(pk=pk).first()
        if line is None:
            return None
        return _line_entry(line, consented_photos([line.individual_id]))
    line = central_awards().select_related(*_CENTRAL_RELATED).filter(pk=pk).first()
    if line is None:
        return None
    return _central_entry(line, consented_photos([line.nomination.individual_id]))


def key_of_line(line) -> str | None:
    """The board key of a decision line if the board shows it now (for the certificate's
    verification page); None if it is revoked, its decision is not in force, or its
    subject is hidden."""
    if not decision_lines().filter(pk=line.pk).exists():
        return None
    return f"d-{line.pk}"


def all_entry_keys() -> list[tuple[str, datetime.date]]:
    """(key, decision date) of every entry the board shows, newest first: the sitemap."""
    lines = decision_lines().values_list("pk", "decision__signed_date")
    central = central_awards().values_list("pk", "result__decision_date")
    keys = [(f"d-{pk}", day) for pk, day in lines] + [(f"t-{pk}", day) for pk, day in central]
    return sorted(keys, key=lambda kd: kd[1], reverse=True)


def recent_entries(limit: int = 50) -> list[Entry]:
    """The newest entries across the board: the feed."""
    return board_page(BoardFilter(), size=limit).entries


def board_campaigns():
    """Campaigns with at least one entry on the board, newest first."""
    with_lines = decision_lines().values("decision__campaign_id")
    with_central = central_awards().values("nomination__campaign_id")
    return Campaign.objects.filter(Q(pk__in=with_lines) | Q(pk__in=with_central)).order_by("-pk")


def board_units():
    """Units a visitor may filter the board by (the hidden ones are not offered)."""
    return Unit.objects.filter(hidden_from_public=False)


def shown_consent(consent_id: int):
    """The consent in force whose photo the board shows, or None: the person has an
    entry on the board now."""
    honoured = Q(individual__in=decision_lines().values("individual_id")) | Q(
        individual__in=central_awards().values("nomination__individual_id")
    )
    return (
        PhotoConsent.objects.filter(honoured, pk=consent_id, withdrawn_at__isnull=True)
        .only("photo", "content_type")
        .first()
    )
