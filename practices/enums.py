"""The good-practice library's choices and the state table of its one workflow.

``PRACTICE_TRANSITIONS`` maps each state to the states it may move to;
``services/practices.py:set_practice_state`` refuses anything else.  Only a
published practice is seen by the public.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Sáng kiến")
    EXPERIENCE = "experience", _("Kinh nghiệm hay")
    MODEL = "model", _("Mô hình hay")


class PracticeField(models.TextChoices):
    """The field (lĩnh vực) a practice belongs to."""

    HEALTH = "health", _("Y tế, phòng chống dịch")
    SECURITY = "security", _("An ninh, trật tự")
    WELFARE = "welfare", _("An sinh xã hội")
    ECONOMY = "economy", _("Kinh tế, sản xuất, thương mại")
    DIGITAL = "digital", _("Chuyển đổi số, cải cách hành chính")
    EDUCATION = "education", _("Giáo dục, văn hóa")
    COMMUNITY = "community", _("Dân vận, cộng đồng")
    OTHER = "other", _("Lĩnh vực khác")


class PracticeState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Chờ xét duyệt")
    CHANGES_REQUESTED = "changes", _("Yêu cầu bổ sung")
    PUBLISHED = "published", _("Đã công bố")
    DECLINED = "declined", _("Không công bố")
    UNPUBLISHED = "unpublished", _("Đã gỡ khỏi thư viện")


#: practice state -> the states it may move to
PRACTICE_TRANSITIONS: dict[str, frozenset[str]] = {
    PracticeState.DRAFT: frozenset({PracticeState.SUBMITTED}),
    PracticeState.SUBMITTED: frozenset(
        {PracticeState.CHANGES_REQUESTED, PracticeState.PUBLISHED, PracticeState.DECLINED}
    ),
    PracticeState.CHANGES_REQUESTED: frozenset({PracticeState.SUBMITTED}),
    PracticeState.PUBLISHED: frozenset({PracticeState.UNPUBLISHED}),
    PracticeState.UNPUBLISHED: frozenset({PracticeState.PUBLISHED}),
    PracticeState.DECLINED: frozenset(),
}

#: A move to these states needs a reason, which the unit's officers are told.
PRACTICE_REASON_REQUIRED = frozenset(
    {PracticeState.CHANGES_REQUESTED, PracticeState.DECLINED, PracticeState.UNPUBLISHED}
)

#: The states in which the unit's officers edit the practice.
PRACTICE_EDITABLE_STATES = (PracticeState.DRAFT, PracticeState.CHANGES_REQUESTED)
