from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..forms import RegistrationForm
from ..models import Registration
from ..selectors import campaigns_visible_to, registrable_units
from ..services.registrations import save_registration


@login_required
def campaign_detail(request, pk):
    campaign = get_object_or_404(
        campaigns_visible_to(request.user).select_related("issuing_unit"), pk=pk
    )
    own_registrations = Registration.objects.filter(
        campaign=campaign, unit__in=registrable_units(request.user, campaign)
    ).select_related("unit")
    return render(
        request,
        "campaign/campaign_detail.html",
        {
            "campaign": campaign,
            "allowed_award_types": campaign.allowed_award_types.all(),
            "own_registrations": own_registrations,
            "can_register": campaign.registration_required
            and campaign.status == "launched"
            and registrable_units(request.user, campaign).exists(),
        },
    )


@login_required
def registration_edit(request, pk, registration_pk=None):
    campaign = get_object_or_404(campaigns_visible_to(request.user), pk=pk)
    units = registrable_units(request.user, campaign)
    if not (campaign.registration_required and campaign.status == "launched" and units.exists()):
        raise Http404
    registration = None
    if registration_pk is not None:
        registration = get_object_or_404(
            Registration.objects.filter(campaign=campaign, unit__in=units), pk=registration_pk
        )
    form = RegistrationForm(
        request.POST or None, instance=registration, campaign=campaign, units=units
    )
    if request.method == "POST" and form.is_valid():
        save_registration(form, campaign=campaign, by=request.user)
        messages.success(request, _("Đã lưu đăng ký thi đua."))
        return redirect("campaign:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "campaign/registration_form.html",
        {"campaign": campaign, "form": form, "registration": registration},
    )
