from .achievements import Achievement, Evidence
from .authority import AwardAuthority
from .catalogue import AwardType, BaseSalary, BonusCoefficient
from .central import (
    CentralPackage,
    CentralResult,
    CentralSubmission,
    CentralSubmissionLine,
)
from .ceremonies import Ceremony
from .certificates import (
    Certificate,
    CertificateLayout,
    CertificateRun,
    NumberSequence,
    OverlayField,
)
from .consultation import Consultation, ConsultationComment
from .decisions import AwardDecision, Recipient
from .imports import NominationImport
from .nominations import DossierFile, Nomination, NominationStage, ProposalLetter

__all__ = [
    "Achievement",
    "AwardAuthority",
    "AwardDecision",
    "AwardType",
    "BaseSalary",
    "BonusCoefficient",
    "Ceremony",
    "CentralPackage",
    "CentralResult",
    "CentralSubmission",
    "CentralSubmissionLine",
    "Certificate",
    "CertificateLayout",
    "CertificateRun",
    "Consultation",
    "ConsultationComment",
    "DossierFile",
    "Evidence",
    "Nomination",
    "NominationImport",
    "NominationStage",
    "NumberSequence",
    "OverlayField",
    "ProposalLetter",
    "Recipient",
]
