"""The officer's page of API tokens: make one (its key shown on this answer only),
see when each was last used, revoke one.  Another account's token is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import rules
from ..forms import TokenForm
from ..selectors import tokens_of
from ..services import TokenError, create_api_token, revoke_api_token


@never_cache
@login_required
def token_list(request):
    if not rules.can_manage_api_tokens(request.user):
        raise Http404
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = create_api_token(
                request.user, by=request.user, label=form.cleaned_data["label"]
            )
        except TokenError as error:
            form.add_error(None, str(error))
        else:
            form = TokenForm()
    return render(
        request,
        "api/token_list.html",
        {"form": form, "tokens": tokens_of(request.user), "new_key": new_key},
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(tokens_of(request.user), pk=pk)
    try:
        revoke_api_token(token, by=request.user)
    except TokenError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã thu hồi khóa “%(label)s”.") % {"label": token.label})
    return redirect("api:token_list")
