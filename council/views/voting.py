"""A member's ballot page: the agenda read-only (each dossier opens on its own page),
the session's materials, a choice per item or one for the whole list, and recusal.

The browser secret behind the secret ballot (``services/voting.py``) is a cookie of
its own per member, HttpOnly, SameSite=Strict, limited to ``/council/``; it is made
here when missing and never stored on the server.  Wrong user: 404.
"""

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import rules
from ..enums import BallotKind
from ..forms.voting import BallotForm
from ..selectors import ballots_of_member, materials_of, member_agenda, sessions_visible_to
from ..services.errors import CouncilError
from ..services.voting import cast_votes, my_choices, recuse

COOKIE_PATH = "/council/"
COOKIE_AGE = 60 * 60 * 24 * 400


def cookie_name(user) -> str:
    return f"council_voter_{user.pk}"


def _member_session(request, pk):
    session = get_object_or_404(sessions_visible_to(request.user), pk=pk)
    if not rules.can_see_agenda_as_member(request.user, session):
        raise Http404
    return session


def _secret(request):
    """(the member's browser secret, whether it is new and must be set)."""
    value = request.COOKIES.get(cookie_name(request.user), "")
    if 32 <= len(value) <= 128:
        return value, False
    return secrets.token_urlsafe(32), True


def _with_cookie(response, request, secret, new):
    if new:
        response.set_cookie(
            cookie_name(request.user),
            secret,
            max_age=COOKIE_AGE,
            path=COOKIE_PATH,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Strict",
        )
    return response


@login_required
def session_vote(request, pk):
    session = _member_session(request, pk)
    user = request.user
    secret, new = _secret(request)
    items = list(member_agenda(session))
    done = ballots_of_member(session, user)
    mine = my_choices(session, member=user, secret=secret, items=items)
    can_vote = rules.can_vote(user, session)
    # Items the member may still vote on, or change from this browser.
    open_items = [
        i
        for i in items
        if done.get(i.pk) is None or (done.get(i.pk) == BallotKind.VOTED and i.pk in mine)
    ]
    form = BallotForm(
        request.POST if request.method == "POST" else None,
        items=open_items,
        initial_choices=mine,
    )
    if request.method == "POST":
        if not can_vote:
            raise Http404
        if form.is_valid():
            chosen = {pk: c for pk, c in form.choices().items() if mine.get(pk) != c}
            try:
                if chosen:
                    cast_votes(session, chosen, by=user, secret=secret)
            except CouncilError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận phiếu của bạn cho %(count)d hồ sơ.") % {"count": len(chosen)},
                )
                return _with_cookie(
                    redirect("council:session_vote", session.pk), request, secret, new
                )
    rows = [
        {
            "item": i,
            "field": form[f"item_{i.pk}"] if i in open_items else None,
            "done": done.get(i.pk),
            "mine": mine.get(i.pk),
        }
        for i in items
    ]
    response = render(
        request,
        "council/session_vote.html",
        {
            "session": session,
            "rows": rows,
            "form": form,
            "materials": materials_of(session),
            "can_vote": can_vote,
            "has_open_items": bool(open_items),
        },
    )
    return _with_cookie(response, request, secret, new)


@login_required
@require_POST
def item_recuse(request, pk, item_pk):
    session = _member_session(request, pk)
    if not rules.can_vote(request.user, session):
        raise Http404
    item = get_object_or_404(session.items, pk=item_pk)
    try:
        recuse(item, by=request.user)
    except CouncilError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã ghi nhận: bạn không tham gia biểu quyết hồ sơ này."))
    return redirect("council:session_vote", session.pk)
