"""The action registry's state labels (common/activity.py)."""

import pytest

from awards.activity import CERTIFICATES_READY, DECISION_ISSUE
from awards.enums import DecisionState
from common.activity import state_label

pytestmark = pytest.mark.unit


def test_an_action_with_its_own_states_labels_them_whatever_the_object():
    assert str(state_label(CERTIFICATES_READY, "done", DecisionState)) == "Hoàn tất"


def test_other_actions_use_the_objects_states_and_show_unknown_values_as_they_are():
    assert str(state_label(DECISION_ISSUE, "issued", DecisionState)) == "Đã ban hành"
    assert state_label(DECISION_ISSUE, "no-such-state", DecisionState) == "no-such-state"
    assert state_label("unit.renamed", "done") == "done"
    assert state_label(CERTIFICATES_READY, "") == ""
