"""Factories for the good-practice library: practices, their results, files and adoptions."""

import datetime
from decimal import Decimal

import factory

from practices.enums import PracticeField, PracticeKind, PracticeState
from practices.models import Adoption, Practice, PracticeFile, PracticeResult

from .units import UnitFactory


class PracticeFactory(factory.django.DjangoModelFactory):
    """A draft practice of a unit.  ``state`` other than draft is what the workflow
    would have reached; tests of the workflow go through the services."""

    class Meta:
        model = Practice

    unit = factory.SubFactory(UnitFactory)
    kind = PracticeKind.MODEL
    field = PracticeField.HEALTH
    title = factory.Sequence(lambda n: f"Chợ an toàn số {n}")
    summary = "Phiếu đi chợ theo ngày chẵn lẻ, mỗi hộ một người."
    description = "Chia ngày đi chợ theo số nhà; tổ COVID cộng đồng kiểm tra ở cổng chợ."
    state = PracticeState.DRAFT
    search_text = factory.LazyAttribute(lambda o: f"{o.title} {o.summary}".lower())


class PracticeResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeResult

    practice = factory.SubFactory(PracticeFactory)
    label = "Số hộ được phát phiếu đi chợ"
    value = Decimal("1250")
    measure = "hộ"


class PracticeFileFactory(factory.django.DjangoModelFactory):
    """A photo of a practice, stored as the upload checks would store it."""

    class Meta:
        model = PracticeFile

    practice = factory.SubFactory(PracticeFactory)
    file = factory.django.FileField(filename="cho-an-toan.jpg", data=b"\xff\xd8\xff\xe0 jpeg")
    original_name = "Chợ an toàn.jpg"
    content_type = "image/jpeg"
    size = 9
    caption = "Cổng kiểm soát chợ"


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    practice = factory.SubFactory(PracticeFactory, state=PracticeState.PUBLISHED)
    unit = factory.SubFactory(UnitFactory)
    adopted_on = datetime.date(2021, 9, 1)
    place = "Chợ xã"
    result = "Không có ca lây nhiễm tại chợ trong ba tháng."
