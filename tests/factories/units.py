"""Factories for the units app: units, their signers, individuals, officers, councils."""

import factory

from units.enums import Gender, IndividualCategory, SignerKind, UnitLevel, UnitType
from units.models import (
    Council,
    CouncilMembership,
    Individual,
    OfficerMembership,
    PhotoConsent,
    StaffImport,
    Unit,
    UnitSigner,
)

from .auth import UserFactory


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị số {n}")
    code = factory.Sequence(lambda n: f"dv-{n}")
    unit_type = UnitType.STATE_AGENCY
    level = UnitLevel.DEPARTMENT


class UnitSignerFactory(factory.django.DjangoModelFactory):
    """The head of a unit, in force with no end date; pass ``kind`` and ``position``
    for a deputy ("PHÓ GIÁM ĐỐC") or a signer by order ("CHÁNH VĂN PHÒNG")."""

    class Meta:
        model = UnitSigner

    unit = factory.SubFactory(UnitFactory)
    full_name = factory.Sequence(lambda n: f"Lê Văn Ký {n}")
    position = "GIÁM ĐỐC"
    kind = SignerKind.HEAD


class IndividualFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Individual

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thành {n}")
    gender = Gender.MALE
    category = IndividualCategory.CIVIL_SERVANT
    unit = factory.SubFactory(UnitFactory)


class OfficerMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficerMembership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = "Hội đồng Thi đua – Khen thưởng tỉnh"
    unit = factory.SubFactory(UnitFactory, level=UnitLevel.PROVINCE)


class CouncilMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMembership

    council = factory.SubFactory(CouncilFactory)
    user = factory.SubFactory(UserFactory)


class StaffImportFactory(factory.django.DjangoModelFactory):
    """An uploaded staff list waiting to be checked; pass ``file`` for its workbook."""

    class Meta:
        model = StaffImport

    unit = factory.SubFactory(UnitFactory)
    original_name = "danh-sach-can-bo.xlsx"
    file = factory.django.FileField(filename="danh-sach-can-bo.xlsx", data=b"PK")


def small_jpeg(colour=(200, 40, 40), size=(120, 160)) -> bytes:
    """A plain JPEG (no face): what a consented photo looks like to the code."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


class PhotoConsentFactory(factory.django.DjangoModelFactory):
    """A consent in force, with a small JPEG photo."""

    class Meta:
        model = PhotoConsent

    individual = factory.SubFactory(IndividualFactory)
    photo = factory.django.FileField(filename="photo.jpg", data=factory.LazyFunction(small_jpeg))
    content_type = "image/jpeg"
    basis = "Phiếu đồng ý ký ngày 10/9/2021"
    recorded_by = factory.SubFactory(UserFactory)
