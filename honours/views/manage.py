"""What the board shows of a person or a unit, managed by the staff and officers.

A person's page: the staff hide or show the person; the staff and the officers of the
person's unit record or withdraw the consent to publish a photo.  A unit's page: the
staff hide or show the unit.  Whoever may not gets a 404, as for any object outside
their scope.  Forms check; ``units.services.publicity`` writes (and refuses with a
message shown as is).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.activity import history_of
from units import rules
from units.models import Individual, PhotoConsent, Unit
from units.selectors import individuals_visible_to, units_visible_to
from units.services.publicity import (
    PublicityError,
    record_photo_consent,
    set_public_visibility,
    withdraw_photo_consent,
)

from ..forms import PhotoConsentForm, VisibilityForm, WithdrawConsentForm


def _person(request, pk) -> Individual:
    if not rules.can_manage_publicity(request.user):
        raise Http404
    return get_object_or_404(individuals_visible_to(request.user).select_related("unit"), pk=pk)


def _unit(request, pk) -> Unit:
    if not rules.can_hide_from_public(request.user):
        raise Http404
    return get_object_or_404(units_visible_to(request.user), pk=pk)


@login_required
def manage(request):
    """Find a person or a unit; the staff also see who is hidden now."""
    if not rules.can_manage_publicity(request.user):
        raise Http404
    person = request.GET.get("individual", "")
    if person.isdigit():
        return redirect("honours:person", pk=int(person))
    unit = request.GET.get("unit", "")
    if unit.isdigit() and rules.can_hide_from_public(request.user):
        return redirect("honours:unit", pk=int(unit))
    staff = rules.can_hide_from_public(request.user)
    return render(
        request,
        "honours/manage.html",
        {
            "can_hide": staff,
            "hidden_people": (
                Individual.objects.filter(hidden_from_public=True).select_related("unit")[:200]
                if staff
                else []
            ),
            "hidden_units": Unit.objects.filter(hidden_from_public=True)[:200] if staff else [],
        },
    )


def _person_page(request, person, *, visibility_form=None, consent_form=None, withdraw_form=None):
    consents = list(
        PhotoConsent.objects.filter(individual=person).select_related("recorded_by", "withdrawn_by")
    )
    return render(
        request,
        "honours/person.html",
        {
            "person": person,
            "can_hide": rules.can_hide_from_public(request.user),
            "can_consent": rules.can_record_photo_consent(request.user, person),
            "visibility_form": visibility_form or VisibilityForm(),
            "consent_form": consent_form or PhotoConsentForm(),
            "withdraw_form": withdraw_form or WithdrawConsentForm(),
            "consent": next((c for c in consents if c.in_force), None),
            "consents": consents,
            "history": history_of(person),
        },
    )


@login_required
def person(request, pk):
    return _person_page(request, _person(request, pk))


@login_required
@require_POST
def person_visibility(request, pk):
    subject = _person(request, pk)
    if not rules.can_hide_from_public(request.user):
        raise Http404
    form = VisibilityForm(request.POST)
    if form.is_valid():
        try:
            set_public_visibility(
                subject,
                hidden=not subject.hidden_from_public,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except PublicityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Đã ẩn khỏi bảng vàng.")
                if subject.hidden_from_public
                else _("Đã hiển thị lại trên bảng vàng."),
            )
            return redirect("honours:person", pk=subject.pk)
    return _person_page(request, subject, visibility_form=form)


@login_required
@require_POST
def person_consent(request, pk):
    subject = _person(request, pk)
    if not rules.can_record_photo_consent(request.user, subject):
        raise Http404
    form = PhotoConsentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            record_photo_consent(
                subject,
                by=request.user,
                upload=form.cleaned_data["photo"],
                basis=form.cleaned_data["basis"],
            )
        except PublicityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã ghi nhận đồng ý công khai ảnh."))
            return redirect("honours:person", pk=subject.pk)
    return _person_page(request, subject, consent_form=form)


@login_required
@require_POST
def consent_withdraw(request, pk):
    consent = get_object_or_404(PhotoConsent.objects.select_related("individual"), pk=pk)
    subject = _person(request, consent.individual_id)
    if not rules.can_record_photo_consent(request.user, subject):
        raise Http404
    form = WithdrawConsentForm(request.POST)
    if form.is_valid():
        try:
            withdraw_photo_consent(consent, by=request.user, reason=form.cleaned_data["reason"])
        except PublicityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã rút lại đồng ý; ảnh không còn hiển thị công khai."))
            return redirect("honours:person", pk=subject.pk)
    return _person_page(request, subject, withdraw_form=form)


@login_required
def unit(request, pk):
    subject = _unit(request, pk)
    form = VisibilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            set_public_visibility(
                subject,
                hidden=not subject.hidden_from_public,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except PublicityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Đã ẩn đơn vị khỏi bảng vàng.")
                if subject.hidden_from_public
                else _("Đã hiển thị lại đơn vị trên bảng vàng."),
            )
            return redirect("honours:unit", pk=subject.pk)
    return render(
        request,
        "honours/unit.html",
        {"unit": subject, "form": form, "history": history_of(subject)},
    )
