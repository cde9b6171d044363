"""Warnings shown to staff on a nomination's detail page.

They do not block anything: the staff decide.  They flag what the 2022 Law
and the campaign's own rules frown upon.  "One achievement, one form" counts
statutory titles and forms only: a thư khen or a thưởng nóng (non-statutory)
neither draws the warning nor counts against a statutory form.
"""

from django.utils.translation import gettext as _

from ..enums import AwardKind, NominationState
from ..models import Nomination, Recipient

CLOSED_STATES = (NominationState.REJECTED, NominationState.WITHDRAWN)


def nomination_warnings(nomination) -> list[str]:
    warnings = []
    achievement_ids = []
    if nomination.award_type.is_statutory:
        achievement_ids = list(nomination.achievements.values_list("pk", flat=True))
    if achievement_ids:
        subject = {"individual": nomination.individual_id, "unit": nomination.unit_id}
        awarded = (
            Recipient.objects.filter(
                **subject,
                revoked_at__isnull=True,
                nomination__achievements__in=achievement_ids,
            )
            .exclude(nomination=nomination)
            .exclude(decision__award_type__kind=AwardKind.NON_STATUTORY)
            .select_related("decision")
            .distinct()
        )
        for line in awarded:
            warnings.append(
                _(
                    "Đối tượng đã được khen thưởng cho cùng thành tích (%(decision)s). "
                    "Theo Luật Thi đua, khen thưởng 2022, mỗi thành tích chỉ được khen một hình "
                    "thức."
                )
                % {"decision": line.decision}
            )
        others = (
            Nomination.objects.filter(**subject, achievements__in=achievement_ids)
            .exclude(pk=nomination.pk)
            .exclude(state__in=CLOSED_STATES)
            .exclude(state=NominationState.AWARDED)
            .exclude(award_type__kind=AwardKind.NON_STATUTORY)
            .select_related("award_type")
            .distinct()
        )
        for other in others:
            warnings.append(
                _("Cùng thành tích đang có hồ sơ khác: %(award)s (%(state)s, số %(pk)s).")
                % {"award": other.award_type, "state": other.get_state_display(), "pk": other.pk}
            )
    allowed = nomination.campaign.allowed_award_types.all()
    if allowed.exists() and not allowed.filter(pk=nomination.award_type_id).exists():
        warnings.append(
            _("Phong trào “%(campaign)s” không áp dụng hình thức “%(award)s”.")
            % {"campaign": nomination.campaign, "award": nomination.award_type}
        )
    if not nomination.award_type.fits_subject(nomination.subject_type):
        warnings.append(
            _("Hình thức “%(award)s” không dành cho đối tượng là %(subject)s.")
            % {
                "award": nomination.award_type,
                "subject": nomination.get_subject_type_label().lower(),
            }
        )
    return warnings
