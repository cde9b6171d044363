"""Search endpoints for the autocomplete boxes (``static/js/autocomplete.js``).

Each answers ``?q=`` with at most :data:`LIMIT` rows as JSON
``{"results": [{"value": pk, "text": label}]}``, searched accent-insensitively on
``search_name`` and drawn from the same selector as the pages that use them, so a
box offers nobody the page would refuse.  A signed-in user without a role that uses the
box gets a 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from ..rules import can_search_people, can_search_units
from ..selectors import individuals_visible_to, search_by_name, units_visible_to

LIMIT = 20


def _results(rows, label) -> JsonResponse:
    return JsonResponse({"results": [{"value": row.pk, "text": label(row)} for row in rows]})


@login_required
@require_GET
def unit_autocomplete(request):
    """Units the user may see (his branch of the tree; staff: all), by name."""
    if not can_search_units(request.user):
        raise Http404
    units = search_by_name(units_visible_to(request.user), request.GET.get("q", ""))
    return _results(units.order_by("search_name", "pk")[:LIMIT], str)


@login_required
@require_GET
def individual_autocomplete(request):
    """People of the units the user acts for (staff: everyone), by name."""
    if not can_search_people(request.user):
        raise Http404
    people = search_by_name(individuals_visible_to(request.user), request.GET.get("q", ""))
    people = people.select_related("unit").order_by("search_name", "pk")[:LIMIT]
    return _results(people, lambda person: person.name_with_unit)
