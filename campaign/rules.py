"""Permission predicates for the campaign app, built on :mod:`units.rules`.

Each predicate answers one question about one user (and one object).  Views
first narrow the rows with the selectors (out of scope: 404), then ask these
predicates before showing a button or accepting a POST; templates get their
answers as ``can_*`` values; and the services ask them again, under the row
lock, before they write.  Predicates read only the user and the objects they
are given (their relations included), never the services.

* Campaigns are created, edited, launched and closed by the provincial
  emulation staff; a closed campaign is no longer edited.
* Reminders (log, rules, send now, retry) and notices (công văn đôn đốc) are
  the provincial emulation staff's.
* A registration is made by an officer of a unit the campaign addresses,
  while the campaign is launched and asks for registrations.  The provincial
  staff may record one for such a unit too (a registration received on paper,
  from a unit without an account); the registration page stays the officers'.
"""

from common.enums import JobState
from units.rules import is_emulation_staff, officer_unit_paths, under_paths_q

from .enums import CampaignStatus, NoticeBatchState, ReminderChannel, ReminderState


def _is_staff(user) -> bool:
    """Provincial emulation staff.  ``None`` (a call on nobody's behalf) is nobody's staff."""
    return user is not None and is_emulation_staff(user)


def _acts_for(user, unit) -> bool:
    """The user is an active officer of ``unit`` or of a unit above it."""
    if user is None:
        return False
    return any(unit.path.startswith(path) for path in officer_unit_paths(user))


# --- Campaigns ---------------------------------------------------------------------------


def can_manage_campaigns(user) -> bool:
    """Create campaigns and see the staff's tools on them."""
    return _is_staff(user)


def can_edit_campaign(user, campaign) -> bool:
    return campaign.status != CampaignStatus.CLOSED and can_manage_campaigns(user)


def can_launch_campaign(user, campaign) -> bool:
    """Launch a draft, or launch a launched campaign again to more units."""
    launchable = (CampaignStatus.DRAFT, CampaignStatus.LAUNCHED)
    return campaign.status in launchable and can_manage_campaigns(user)


def can_close_campaign(user, campaign) -> bool:
    return campaign.status == CampaignStatus.LAUNCHED and can_manage_campaigns(user)


def can_edit_indicators(user, campaign) -> bool:
    """The campaign's indicators: the staff's, until the campaign closes."""
    return can_edit_campaign(user, campaign)


def can_see_targets(user, campaign) -> bool:
    """The table of every unit's registered targets."""
    return can_manage_campaigns(user)


def can_retry_launch(user, run) -> bool:
    """Queue a launch run again; whether it needs it is the run's own state."""
    return can_manage_campaigns(user)


def can_download_launch_letter(user, run) -> bool:
    """The letter, once written, to whoever sees the run (``launch_runs_visible_to``)."""
    return bool(run.letter)


# --- Reporting rounds and progress reports ------------------------------------------------


def can_open_round(user, campaign) -> bool:
    """Open a reporting round: the staff, on a launched campaign."""
    return campaign.status == CampaignStatus.LAUNCHED and can_manage_campaigns(user)


def can_lock_round(user, round_) -> bool:
    return not round_.is_locked and can_manage_campaigns(user)


def can_see_round_status(user, round_) -> bool:
    """Which units reported and which did not: the staff."""
    return can_manage_campaigns(user)


def is_round_open(round_, today) -> bool:
    """Reports are written until the due date, unless the staff locked the round first."""
    return (
        not round_.is_locked
        and today <= round_.due_date
        and round_.campaign.status == CampaignStatus.LAUNCHED
    )


def takes_part(campaign, unit) -> bool:
    """The campaign addresses ``unit`` (no participants listed: it addresses every unit)."""
    participants = campaign.participants.all()
    return not participants.exists() or participants.filter(pk=unit.pk).exists()


def can_report(user, round_, unit, today) -> bool:
    """Write ``unit``'s report now: one who acts for it, while the round is open."""
    return (
        is_round_open(round_, today) and _acts_for(user, unit) and takes_part(round_.campaign, unit)
    )


def can_read_report(user, report) -> bool:
    """A report and its files: the staff, and whoever acts for its unit or one above it."""
    return can_manage_campaigns(user) or _acts_for(user, report.unit)


# --- Reviews (sơ kết, tổng kết) -----------------------------------------------------------


def can_open_review(user, campaign) -> bool:
    """Open a review of a campaign: the staff, once it is launched (closed included)."""
    reviewable = (CampaignStatus.LAUNCHED, CampaignStatus.CLOSED)
    return campaign.status in reviewable and can_manage_campaigns(user)


def can_retry_review(user, review) -> bool:
    """Build a review again; whether it needs it is the job's own state."""
    return can_manage_campaigns(user)


def can_download_review(user, review) -> bool:
    """The files of a finished review, to whoever sees it (``reviews_visible_to``)."""
    return review.state == JobState.DONE


def can_export_round(user, round_) -> bool:
    """A round's figures, every unit's, as an Excel file: the staff."""
    return can_see_round_status(user, round_)


# --- Reminders ----------------------------------------------------------------------------


def can_manage_reminders(user) -> bool:
    """Read the reminder log and the rules, and act on them."""
    return _is_staff(user)


def can_send_reminders_now(user, rule) -> bool:
    """Run ``rule`` at once ("Gửi ngay"), enabled or not: the staff decide."""
    return can_manage_reminders(user)


def is_retryable_reminder(reminder) -> bool:
    """Only an email that failed goes back to the outbox."""
    return reminder.state == ReminderState.FAILED and reminder.channel == ReminderChannel.EMAIL


def can_retry_reminder(user, reminder) -> bool:
    return is_retryable_reminder(reminder) and can_manage_reminders(user)


def can_edit_reminder_rules(user) -> bool:
    """Open a rule in the admin: an admin account with the model permission."""
    return user is not None and user.is_staff and user.has_perm("campaign.change_reminderrule")


# --- Notices (công văn đôn đốc) ----------------------------------------------------------


def can_manage_notices(user) -> bool:
    """Reach the notice pages of a campaign: the late units, the batches, their progress."""
    return _is_staff(user)


def can_create_notice_batch(user, campaign) -> bool:
    return can_manage_notices(user)


def can_retry_notice_batch(user, batch) -> bool:
    """Who may queue a batch again.  Whether the batch needs it (failed, or its worker
    went silent) is the job's own state, asked of the notices service."""
    return can_manage_notices(user)


def can_download_notice_batch(user, batch) -> bool:
    """The merged print file exists once the batch is done."""
    return batch.state == NoticeBatchState.DONE and can_manage_notices(user)


def can_download_notice(user, notice) -> bool:
    return can_manage_notices(user)


# --- Registrations ------------------------------------------------------------------------


def is_registration_open(campaign) -> bool:
    return campaign.registration_required and campaign.status == CampaignStatus.LAUNCHED


def can_register(user, campaign) -> bool:
    """The user acts for at least one unit that may register for ``campaign`` now."""
    if user is None or not is_registration_open(campaign):
        return False
    paths = officer_unit_paths(user)
    if not paths:
        return False
    if campaign.participants.exists():
        return campaign.participants.filter(under_paths_q(paths)).exists()
    return True


def can_register_unit(user, campaign, unit) -> bool:
    """The user acts for ``unit`` (or a unit above it), or is provincial staff recording a
    paper registration, and the campaign addresses ``unit``."""
    if not is_registration_open(campaign):
        return False
    if not (_acts_for(user, unit) or _is_staff(user)):
        return False
    return not campaign.participants.exists() or campaign.participants.filter(pk=unit.pk).exists()


def can_edit_registration(user, registration) -> bool:
    return can_register_unit(user, registration.campaign, registration.unit)
