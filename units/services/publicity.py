"""What the public honour board may show of a person or a unit (Decree 13/2023/NĐ-CP).

Two things are decided here, and only here:

* whether a person or a unit is hidden from the board (``hidden_from_public`` and its
  reason): only the provincial staff (``rules.can_hide_from_public``) change it, with a
  reason; hiding a unit also hides the entries of the people of that unit;
* a person's consent to show their photo (:class:`~units.models.PhotoConsent`): the
  staff and the officers of the person's unit record it with the photo, already
  validated and re-encoded by ``common.uploads``, and withdraw it.  At most one consent
  is in force; the withdrawn ones stay as the record.

Every change locks and re-reads the row, checks the rule again, writes only the
changed fields, logs an activity entry (who, when, what, why) and retires the cached
public pages (``common.cache.bump("public-awards")``), so the board changes at once.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.cache import bump
from common.models import log_activity

from .. import rules
from ..activity import PHOTO_CONSENT_RECORD, PHOTO_CONSENT_WITHDRAW, PUBLIC_HIDE, PUBLIC_SHOW
from ..models import Individual, PhotoConsent, Unit

#: The cache namespace of every public page that shows awards.
PUBLIC_AWARDS = "public-awards"


class PublicityError(Exception):
    """The change is refused; the message says why and is shown as is."""


def _visible(hidden: bool) -> str:
    return "hidden" if hidden else "shown"


def set_public_visibility(subject, *, hidden: bool, by, reason: str):
    """Hide ``subject`` (an :class:`Individual` or a :class:`Unit`) from the public
    board, or show it again; ``reason`` is required either way."""
    reason = (reason or "").strip()
    if not reason:
        raise PublicityError(_("Cần ghi lý do."))
    model = type(subject)
    if model not in (Individual, Unit):
        raise TypeError(f"Not a person or a unit: {model!r}")
    with transaction.atomic():
        fresh = model.objects.select_for_update().get(pk=subject.pk)
        if not rules.can_hide_from_public(by):
            raise PublicityError(_("Bạn không có quyền ẩn hoặc hiện trên bảng vàng."))
        if fresh.hidden_from_public == hidden:
            raise PublicityError(
                _("Đã ẩn khỏi bảng vàng từ trước.")
                if hidden
                else _("Đang hiển thị trên bảng vàng.")
            )
        fresh.hidden_from_public = hidden
        fresh.hidden_reason = reason if hidden else ""
        # Not save(): the derived fields and the unit tree's paths are not touched.
        model.objects.filter(pk=fresh.pk).update(
            hidden_from_public=hidden, hidden_reason=fresh.hidden_reason
        )
        log_activity(
            fresh,
            PUBLIC_HIDE if hidden else PUBLIC_SHOW,
            actor=by,
            previous_state=_visible(not hidden),
            new_state=_visible(hidden),
            note=reason,
        )
        bump(PUBLIC_AWARDS)
    subject.hidden_from_public, subject.hidden_reason = (
        fresh.hidden_from_public,
        fresh.hidden_reason,
    )
    return subject


def record_photo_consent(individual, *, by, upload, basis: str) -> PhotoConsent:
    """Record ``individual``'s consent to publish ``upload`` (a validated image from
    ``common.uploads.process_upload``); a consent already in force is replaced (withdrawn
    with the reason "replaced by a new photo")."""
    basis = (basis or "").strip()
    if not basis:
        raise PublicityError(_("Cần ghi căn cứ của sự đồng ý (phiếu đồng ý, văn bản…)."))
    if not upload.is_image:
        raise PublicityError(_("Chỉ nhận ảnh JPEG, PNG hoặc WebP."))
    with transaction.atomic():
        person = Individual.objects.select_for_update().select_related("unit").get(pk=individual.pk)
        if not rules.can_record_photo_consent(by, person):
            raise PublicityError(_("Bạn không có quyền ghi nhận đồng ý của người này."))
        now = timezone.now()
        for old in PhotoConsent.objects.select_for_update().filter(
            individual=person, withdrawn_at__isnull=True
        ):
            _withdraw(old, by=by, reason=_("Thay bằng ảnh mới."), now=now)
        consent = PhotoConsent(
            individual=person, content_type=upload.content_type, basis=basis, recorded_by=by
        )
        consent.photo.save(f"photo{upload.extension}", upload.content, save=False)
        consent.save()
        log_activity(
            person,
            PHOTO_CONSENT_RECORD,
            actor=by,
            new_state="consented",
            note=basis,
            data={"consent_id": consent.pk},
        )
        bump(PUBLIC_AWARDS)
    return consent


def _withdraw(consent, *, by, reason, now):
    consent.withdrawn_at, consent.withdrawn_by, consent.withdrawn_reason = now, by, reason
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason", "updated_at"])
    log_activity(
        consent.individual,
        PHOTO_CONSENT_WITHDRAW,
        actor=by,
        previous_state="consented",
        new_state="withdrawn",
        note=reason,
        data={"consent_id": consent.pk},
    )


def withdraw_photo_consent(consent, *, by, reason: str) -> PhotoConsent:
    """The person withdrew their consent: the photo leaves the board at once."""
    reason = (reason or "").strip()
    if not reason:
        raise PublicityError(_("Cần ghi lý do."))
    with transaction.atomic():
        fresh = (
            PhotoConsent.objects.select_for_update()
            .select_related("individual__unit")
            .get(pk=consent.pk)
        )
        if not rules.can_record_photo_consent(by, fresh.individual):
            raise PublicityError(_("Bạn không có quyền ghi nhận đồng ý của người này."))
        if fresh.withdrawn_at is not None:
            raise PublicityError(_("Đồng ý này đã được rút lại từ trước."))
        _withdraw(fresh, by=by, reason=reason, now=timezone.now())
        bump(PUBLIC_AWARDS)
    consent.refresh_from_db()
    return consent
