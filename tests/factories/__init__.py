"""factory_boy factories, one per model, in one module per app (``tests/factories/<app>.py``)."""

from .auth import UserFactory
from .awards import (  # one factory per model
    AchievementFactory,
    AwardDecisionFactory,
    AwardTypeFactory,
    BaseSalaryFactory,
    BonusCoefficientFactory,
    CertificateFactory,
    CertificateLayoutFactory,
    CertificateRunFactory,
    DossierFileFactory,
    EvidenceFactory,
    NominationFactory,
    NumberSequenceFactory,
    OverlayFieldFactory,
    RecipientFactory,
)
from .campaign import (  # one factory per model
    CampaignFactory,
    CrontabScheduleFactory,
    NoticeBatchFactory,
    NoticeFactory,
    RegistrationFactory,
    ReminderFactory,
    ReminderRuleFactory,
)
from .common import (
    ActivityLogFactory,
    NotificationFactory,
    OutboxMessageFactory,
    UserPreferenceFactory,
)
from .units import (
    CouncilFactory,
    CouncilMembershipFactory,
    IndividualFactory,
    OfficerMembershipFactory,
    UnitFactory,
    UnitSignerFactory,
)

__all__ = [
    "AchievementFactory",
    "AwardDecisionFactory",
    "AwardTypeFactory",
    "BaseSalaryFactory",
    "BonusCoefficientFactory",
    "CampaignFactory",
    "CertificateFactory",
    "CouncilFactory",
    "CouncilMembershipFactory",
    "IndividualFactory",
    "NominationFactory",
    "OfficerMembershipFactory",
    "RecipientFactory",
    "RegistrationFactory",
    "UnitFactory",
    "UnitSignerFactory",
    "UserFactory",
    # one factory per model
    "ActivityLogFactory",
    "CertificateLayoutFactory",
    "CertificateRunFactory",
    "CrontabScheduleFactory",
    "DossierFileFactory",
    "EvidenceFactory",
    "NoticeBatchFactory",
    "NoticeFactory",
    "NotificationFactory",
    "OutboxMessageFactory",
    "NumberSequenceFactory",
    "OverlayFieldFactory",
    "ReminderFactory",
    "ReminderRuleFactory",
    "UserPreferenceFactory",
]
