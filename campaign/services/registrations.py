"""Emulation registrations (đăng ký thi đua): a unit's targets for a campaign, a value for
each of its indicators (``RegistrationTarget``) and other targets in free text.

:func:`save_registration` is the one writer.  It acts for a person (``by``)
and checks :func:`campaign.rules.can_register_unit` under the lock of the
campaign row (and of the registration, when one is edited), so a campaign
closed meanwhile, or a unit the person no longer acts for, is refused with a
:class:`RegistrationError` whose message is shown as is.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from common.models import log_activity

from .. import rules
from ..activity import REGISTRATION_CREATE, REGISTRATION_UPDATE
from ..models import Campaign, Registration, RegistrationTarget


class RegistrationError(Exception):
    """A registration that cannot be saved; the message is shown to the user as is."""


def save_registration(form, *, campaign, by) -> Registration:
    """Create or update a unit's emulation registration from a valid form."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        created = form.instance.pk is None
        if created:
            unit = form.instance.unit
        else:  # the unit of a registration never changes: the stored one is asked about
            unit = Registration.objects.select_for_update().get(pk=form.instance.pk).unit
        if not rules.can_register_unit(by, campaign, unit):
            raise RegistrationError(
                _("Bạn không thể đăng ký thi đua cho %(unit)s trong phong trào này.")
                % {"unit": unit.name}
            )
        registration = form.save(commit=False)
        registration.campaign = campaign
        if created:
            registration.registered_by = by
        registration.save()
        form.save_m2m()
        save_targets(registration, form.target_values())
        log_activity(
            registration,
            REGISTRATION_CREATE if created else REGISTRATION_UPDATE,
            actor=by,
            note=registration.targets,
            data={"targets": {str(i.pk): str(v) for i, v in form.target_values().items()}},
        )
    return registration


def save_targets(registration, values) -> None:
    """Set the registration's target for each indicator of ``values`` (indicator -> value);
    ``None`` removes it.  Indicators of another campaign are ignored."""
    for indicator, value in values.items():
        if indicator.campaign_id != registration.campaign_id:
            continue
        if value is None:
            RegistrationTarget.objects.filter(
                registration=registration, indicator=indicator
            ).delete()
        else:
            RegistrationTarget.objects.update_or_create(
                registration=registration, indicator=indicator, defaults={"value": value}
            )
