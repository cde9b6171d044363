"""The campaign page and the emulation registration form of officers.

A campaign outside :func:`campaign.selectors.campaigns_visible_to` is a 404;
so is the registration form for anyone :func:`campaign.rules.can_register`
refuses, and a registration of a unit the officer does not act for.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import rules
from ..forms.registrations import RegistrationForm
from ..selectors import (
    campaigns_visible_to,
    indicators_of,
    registrable_units,
    registrations_of,
)
from ..services.registrations import RegistrationError, save_registration


@login_required
def campaign_detail(request, pk):
    campaign = get_object_or_404(
        campaigns_visible_to(request.user).select_related("issuing_unit"), pk=pk
    )
    return render(
        request,
        "campaign/campaign_detail.html",
        {
            "campaign": campaign,
            "allowed_award_types": campaign.allowed_award_types.all(),
            # A list: the template asks whether there are any, then lists them.
            "own_registrations": list(registrations_of(request.user, campaign)),
            "can_register": rules.can_register(request.user, campaign),
            "can_manage_notices": rules.can_manage_notices(request.user),
            "can_edit": rules.can_edit_campaign(request.user, campaign),
            "can_launch": rules.can_launch_campaign(request.user, campaign),
            "can_close": rules.can_close_campaign(request.user, campaign),
            "indicators": list(indicators_of(campaign)),
            "can_edit_indicators": rules.can_edit_indicators(request.user, campaign),
            "can_see_targets": rules.can_see_targets(request.user, campaign),
        },
    )


@login_required
def registration_edit(request, pk, registration_pk=None):
    campaign = get_object_or_404(campaigns_visible_to(request.user), pk=pk)
    if not rules.can_register(request.user, campaign):
        raise Http404
    registration = None
    if registration_pk is not None:
        registration = get_object_or_404(
            registrations_of(request.user, campaign), pk=registration_pk
        )
        if not rules.can_edit_registration(request.user, registration):
            raise Http404
    form = RegistrationForm(
        request.POST or None,
        instance=registration,
        campaign=campaign,
        units=registrable_units(request.user, campaign),
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_registration(form, campaign=campaign, by=request.user)
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu đăng ký thi đua."))
            return redirect("campaign:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "campaign/registration_form.html",
        {"campaign": campaign, "form": form, "registration": registration},
    )
