"""The activity log is append-only, whatever code tries to change it."""

import pytest

from common.models import ActivityLog, log_activity
from tests.factories import UnitFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

# --- The activity log is append-only ---------------------------------------------------


def test_activity_log_rows_cannot_be_changed_or_deleted():
    unit = UnitFactory()
    entry = log_activity(unit, "state_changed", previous_state="draft", new_state="submitted")

    entry.note = "sửa lại"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        ActivityLog.objects.filter(pk=entry.pk).update(note="sửa lại")
    with pytest.raises(TypeError):
        ActivityLog.objects.filter(pk=entry.pk).delete()

    stored = ActivityLog.objects.get(pk=entry.pk)
    assert (stored.note, stored.previous_state, stored.new_state) == ("", "draft", "submitted")
    assert list(ActivityLog.objects.for_object(unit)) == [stored]
