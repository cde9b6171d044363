"""factory_boy factories, one per model, in one module per app (``tests/factories/<app>.py``)."""

from .auth import UserFactory
from .awards import (
    AchievementFactory,
    AwardDecisionFactory,
    AwardTypeFactory,
    BaseSalaryFactory,
    BonusCoefficientFactory,
    CertificateFactory,
    NominationFactory,
    RecipientFactory,
)
from .campaign import CampaignFactory, RegistrationFactory
from .units import (
    CouncilFactory,
    CouncilMembershipFactory,
    IndividualFactory,
    OfficerMembershipFactory,
    UnitFactory,
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
    "UserFactory",
]
