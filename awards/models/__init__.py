from .achievements import Achievement, Evidence
from .catalogue import AwardType, BaseSalary, BonusCoefficient
from .decisions import AwardDecision, Certificate, Recipient
from .nominations import DossierFile, Nomination

__all__ = [
    "Achievement",
    "AwardDecision",
    "AwardType",
    "BaseSalary",
    "BonusCoefficient",
    "Certificate",
    "DossierFile",
    "Evidence",
    "Nomination",
    "Recipient",
]
