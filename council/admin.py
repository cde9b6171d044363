"""The council app in the Django admin.

Voting rules are edited here (legal values change).  Sessions, items, ballots and
votes are shown read-only: they change only through the services.  The vote admin
shows an item and a choice and nothing else: no key order that follows time, no
token hash, no link to a ballot or a member (``models`` module docstring).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    AgendaItem,
    Ballot,
    Minutes,
    PaperCount,
    Session,
    SessionMaterial,
    Vote,
    VotingRule,
)


@admin.register(VotingRule)
class VotingRuleAdmin(admin.ModelAdmin):
    list_display = [
        "award_type",
        "method",
        "denominator",
        "threshold_percent",
        "comparison",
        "quorum_percent",
        "absentee_written_counts",
        "effective_from",
        "effective_to",
        "verified",
    ]
    list_filter = ["method", "verified", "award_type"]
    list_select_related = ["award_type"]
    search_fields = ["award_type__name", "legal_basis"]
    readonly_fields = ["created_at", "updated_at"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the services only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "meeting_at", "state", "is_paper"]
    list_filter = ["state", "council"]
    list_select_related = ["council"]
    search_fields = ["title", "place"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "session", "outcome"]
    list_filter = ["outcome"]
    list_select_related = [
        "session",
        "nomination__award_type",
        "nomination__individual",
        "nomination__unit",
    ]
    exclude = ["tally"]
    readonly_fields = ["explanation"]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    """Who has voted, recused or sent a written opinion: never how."""

    list_display = ["member", "item", "kind"]
    list_filter = ["kind"]
    list_select_related = ["member", "item__session"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    """Anonymous votes: an item and a choice."""

    list_display = ["item", "choice", "source"]
    list_filter = ["choice", "source"]
    list_select_related = ["item"]
    fields = ["item", "choice", "source"]
    ordering = ["item", "choice", "id"]
    show_full_result_count = False

    def get_list_display_links(self, request, list_display):
        # No page per vote: its address would carry the row's key.
        return None


@admin.register(PaperCount)
class PaperCountAdmin(ReadOnlyAdmin):
    list_display = ["item", "agree", "disagree", "abstain"]
    list_select_related = ["item"]


@admin.register(SessionMaterial)
class SessionMaterialAdmin(ReadOnlyAdmin):
    list_display = ["title", "session", "original_name"]
    list_select_related = ["session"]
    verbose_name = _("tài liệu")


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "session", "state", "done", "total", "finished_at"]
    list_filter = ["state", "year"]
    list_select_related = ["session"]
