from django.db import transaction

from common.models import log_activity


@transaction.atomic
def save_registration(form, *, campaign, by):
    """Create or update a unit's emulation registration from a valid form."""
    created = form.instance.pk is None
    registration = form.save(commit=False)
    registration.campaign = campaign
    if created:
        registration.registered_by = by
    registration.save()
    form.save_m2m()
    log_activity(
        registration,
        "registration.created" if created else "registration.updated",
        actor=by,
        note=registration.targets,
    )
    return registration
