"""Which practices a user may see, and the public library's reads.

``practices_visible_to(user)`` is the one answer for every staff and officer page:
the staff see every practice, a unit's officers those of their units and the units
below them, anyone else none.  The public sees ``published_practices()`` only, and
of those only what the public pages show (photos, issued and unrevoked awards).

Search folds accents on both sides: on PostgreSQL it is full-text search over
``unaccent()`` of the texts (the extension is created by migration 0002), ranked,
title first; elsewhere (SQLite) every word must occur in the folded ``search_text``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Count, F, Func, Prefetch, Q, TextField
from django.urls import reverse

from awards.enums import CertificateState, DecisionState
from awards.models import Achievement, Certificate, Recipient
from campaign.models import Campaign
from common.text import fold
from units.models import Unit
from units.rules import is_emulation_staff, officer_unit_paths, under_paths_q

from .enums import PracticeField, PracticeState
from .models import Adoption, Practice, PracticeFile


def practices_visible_to(user):
    if not user.is_authenticated:
        return Practice.objects.none()
    if is_emulation_staff(user):
        return Practice.objects.all()
    return Practice.objects.filter(under_paths_q(officer_unit_paths(user), "unit__path"))


def practice_list_for(user):
    return (
        practices_visible_to(user)
        .select_related("unit", "campaign")
        .order_by(F("state_changed_at").desc(nulls_last=True), "-id")
    )


def published_practices():
    return Practice.objects.filter(state=PracticeState.PUBLISHED)


def public_practice_list():
    """The public list's rows, newest first, with what a card shows."""
    return (
        published_practices()
        .select_related("unit", "campaign")
        .annotate(adoption_count=Count("adoptions"))
        .order_by("-published_at", "-id")
    )


def _unaccent(field):
    return Func(F(field), function="unaccent", output_field=TextField())


def search_practices(queryset, text: str):
    """``queryset`` narrowed to the practices matching ``text``, accents ignored."""
    folded = fold((text or "").strip())
    words = folded.split()
    if not words:
        return queryset
    if connections[queryset.db].vendor == "postgresql":

        def part(*fields, weight):
            return SearchVector(*map(_unaccent, fields), weight=weight, config="simple")

        vector = (
            part("title", weight="A")
            + part("summary", "unit__name", weight="B")
            + part("description", "people", weight="C")
        )
        query = SearchQuery(" ".join(words), config="simple", search_type="plain")
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "-published_at", "-id")
        )
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def public_units():
    """The units that have a published practice, with the units above them: the public
    filter's choices (a unit includes its branch)."""
    paths = set(published_practices().values_list("unit__path", flat=True))
    ids = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    return Unit.objects.filter(pk__in=ids).order_by("path")


def public_campaigns():
    return Campaign.objects.filter(
        pk__in=published_practices().exclude(campaign=None).values("campaign")
    ).order_by("-start_date")


def public_photos(practice):
    return [f for f in practice.files.all() if f.is_image]


def public_file(pk):
    """A photo of a published practice, or None."""
    return (
        PracticeFile.objects.filter(pk=pk, practice__state=PracticeState.PUBLISHED)
        .filter(content_type__startswith="image/")
        .first()
    )


def files_visible_to(user):
    return PracticeFile.objects.filter(practice__in=practices_visible_to(user))


def standing_awards():
    """Award lines the public may see: their decision issued and not revoked, the line
    not revoked."""
    return Recipient.objects.filter(
        decision__state=DecisionState.ISSUED,
        decision__revoked_at__isnull=True,
        revoked_at__isnull=True,
    )


def public_awards_of(practice):
    """The standing awards linked to ``practice``, each with ``certificate`` (its valid
    certificate, for the verification link) or None."""
    lines = list(
        practice.awards.filter(pk__in=standing_awards().values("pk"))
        .select_related("decision__award_type", "decision__issuer", "unit", "individual")
        .prefetch_related(
            Prefetch(
                "certificates",
                queryset=Certificate.objects.filter(state=CertificateState.VALID),
                to_attr="valid_certificates",
            )
        )
        .order_by("-decision__signed_date", "id")
    )
    for line in lines:
        line.certificate = line.valid_certificates[0] if line.valid_certificates else None
    return lines


def achievements_of(practice):
    return practice.achievements.order_by("-date", "-id")


def adoptions_of(practice):
    return practice.adoptions.select_related("unit").order_by("adopted_on", "id")


def achievement_choices_in(units):
    """The achievements owned by ``units`` (a queryset): what a practice may be linked to
    (the form checks that each lies in the branch of the practice's unit)."""
    return (
        Achievement.objects.filter(owner_unit__in=units)
        .select_related("owner_unit")
        .order_by("-date", "-id")
    )


def award_choices_in(units):
    """The standing award lines of ``units`` (a collective among them, or a person of
    one), for linking a practice to the awards it earned."""
    return (
        standing_awards()
        .filter(Q(unit__in=units) | Q(individual__unit__in=units))
        .select_related("decision__award_type", "unit", "individual__unit")
        .order_by("-decision__signed_date", "id")
    )


@dataclass(frozen=True)
class FeedEntry:
    """What a feed entry needs of a published practice."""

    title: str
    url: str
    summary: str
    date: datetime
    unit: str


def recent_published(limit: int = 20) -> list[FeedEntry]:
    """The ``limit`` most recently published practices, newest first."""
    rows = published_practices().select_related("unit").order_by("-published_at", "-id")[:limit]
    return [
        FeedEntry(
            title=p.title,
            url=reverse("practices:public_detail", args=[p.pk]),
            summary=p.summary,
            date=p.published_at,
            unit=p.unit.name,
        )
        for p in rows
    ]


def practice_statistics() -> dict:
    """The library in figures: practices by state, published by field and kind, and
    replication (published practices adopted by at least one other unit, adoptions,
    the most adopted)."""
    by_state = dict(Practice.objects.values_list("state").annotate(n=Count("id")).order_by())
    published = published_practices()
    by_field = dict(published.values_list("field").annotate(n=Count("id")).order_by())
    fields = [(label, by_field.get(value, 0)) for value, label in PracticeField.choices]
    adopted = published.annotate(n=Count("adoptions")).filter(n__gt=0)
    return {
        "states": [(label, by_state.get(value, 0)) for value, label in PracticeState.choices],
        "published": by_state.get(PracticeState.PUBLISHED, 0),
        "fields": fields,
        "replicated": adopted.count(),
        "adoptions": Adoption.objects.filter(practice__state=PracticeState.PUBLISHED).count(),
        "adopting_units": Adoption.objects.filter(practice__state=PracticeState.PUBLISHED)
        .values("unit")
        .distinct()
        .count(),
        "most_adopted": list(adopted.select_related("unit").order_by("-n", "title")[:10]),
    }
