"""The public honour board: no login, cached for anonymous visitors.

Every page here is wrapped in ``common.cache.public_page("public-awards")``: the
services that change what it shows bump that namespace (``units.services.publicity``,
``awards.services.outcomes``), so a revoked award leaves the cached pages at once.  The
templates extend ``public_base.html``, which writes no CSRF token for anonymous
visitors: a page with one would never be stored.
"""

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

from campaign.enums import CampaignStatus
from campaign.models import Campaign
from common.cache import public_page
from common.site import absolute_url
from units.models import PhotoConsent
from units.rules import can_hide_from_public, can_manage_publicity, can_record_photo_consent
from units.selectors import search_by_name
from units.services.publicity import PUBLIC_AWARDS

from .. import selectors
from ..filters import BoardFilterForm

#: What a shared link shows when the person gave no photo (PNG, 1200 × 630).
DEFAULT_IMAGE = "img/honours-og.png"
AUTOCOMPLETE_LIMIT = 20


def _board(request, campaign=None):
    form = BoardFilterForm(request.GET or None, campaign=campaign)
    if form.is_bound:
        form.is_valid()  # the fields that check out still filter
    board_filter = form.board_filter()
    page = selectors.board_page(
        board_filter, cursor=selectors.parse_cursor(request.GET.get("after"))
    )
    next_query = ""
    if page.next_cursor:
        query = request.GET.copy()
        query["after"] = page.next_cursor
        next_query = query.urlencode()
    first_query = ""
    if "after" in request.GET:
        query = request.GET.copy()
        del query["after"]
        first_query = query.urlencode() or "-"
    return render(
        request,
        "honours/board.html",
        {
            "public_page": True,
            "form": form,
            "search_fields": [form["q"]],
            "more_fields": [field for field in form if field.name != "q"],
            "page": page,
            "campaign": campaign,
            "campaigns": selectors.board_campaigns().only("title")[:12] if campaign is None else [],
            "is_filtered": any(v for k, v in request.GET.items() if k != "after"),
            "next_query": next_query,
            "first_query": first_query,
            "canonical": absolute_url(request.path),
        },
    )


@require_GET
@public_page(PUBLIC_AWARDS)
def board(request):
    """Bảng vàng: every campaign's honoured people and collectives, newest first."""
    return _board(request)


@require_GET
@public_page(PUBLIC_AWARDS)
def campaign_board(request, pk):
    """One campaign's honour board (a draft campaign has none: 404)."""
    campaign = get_object_or_404(
        Campaign.objects.exclude(status=CampaignStatus.DRAFT).only("title"), pk=pk
    )
    return _board(request, campaign)


@require_GET
@public_page(PUBLIC_AWARDS)
def entry(request, key):
    """One honoured person or collective, with the tags a shared link shows."""
    found = selectors.entry_by_key(key)
    if found is None:
        raise Http404
    if found.photo_id:
        image = absolute_url(reverse_photo(found.photo_id))
    else:
        image = absolute_url(static(DEFAULT_IMAGE))
    user = request.user
    return render(
        request,
        "honours/entry.html",
        {
            "public_page": True,
            "entry": found,
            "page_url": absolute_url(found.get_absolute_url()),
            "image_url": image,
            "has_photo": bool(found.photo_id),
            "can_manage": can_manage_publicity(user),
            "can_hide": can_hide_from_public(user),
        },
    )


def reverse_photo(consent_id: int) -> str:
    return reverse("honours:photo", kwargs={"pk": consent_id})


@require_GET
def photo(request, pk):
    """A consented photo of an honoured person; gone (404) once the consent is withdrawn,
    the person hidden or no longer on the board."""
    consent = selectors.shown_consent(pk)
    cache_control = "public, max-age=600"
    if consent is None and request.user.is_authenticated:
        # Whoever records consents sees the photo on the person's page, board or not.
        consent = PhotoConsent.objects.select_related("individual__unit").filter(pk=pk).first()
        if consent is not None and not can_record_photo_consent(request.user, consent.individual):
            consent = None
        cache_control = "private, no-cache"
    if consent is None:
        raise Http404
    response = FileResponse(consent.photo.open("rb"), content_type=consent.content_type)
    response["Cache-Control"] = cache_control
    return response


@require_GET
@public_page(PUBLIC_AWARDS)
def unit_autocomplete(request):
    """The board's unit box: units not hidden, by name (accents folded)."""
    units = search_by_name(selectors.board_units(), request.GET.get("q", ""))
    rows = units.order_by("search_name", "pk").only("name")[:AUTOCOMPLETE_LIMIT]
    return JsonResponse({"results": [{"value": u.pk, "text": u.name} for u in rows]})
