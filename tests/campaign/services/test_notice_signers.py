"""campaign/services/notices.py, its signer and issuer-snapshot part: a listed signer
fills the letters' signature block, typed lines only for an issuer with none, and a
batch keeps its issuer's heading when the unit is renamed before the letters are
rendered again.  The rest of the module is tested in ``test_notices.py``."""

import pytest

from campaign.models import NoticeBatch
from campaign.services.notices import NoticeError, render_batch
from common.models import ActivityLog
from tests.campaign.services.test_notices import make_world, new_batch, pdf_text
from tests.factories import UnitSignerFactory
from units.enums import SignerKind

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def world():
    world = make_world()
    world.deputy = UnitSignerFactory(
        unit=world.province,
        full_name="Trần Minh Hiển",
        position="PHÓ CHỦ TỊCH",
        kind=SignerKind.DEPUTY,
    )
    return world


def counts():
    return NoticeBatch.objects.count(), ActivityLog.objects.count()


def listed(world, **fields):
    return new_batch(
        world, signer=world.deputy, signer_name="", signer_title="", signer_authority="", **fields
    )


def test_a_listed_signer_fills_the_block_and_the_heading_is_frozen(world):
    batch = listed(world)

    batch.refresh_from_db()
    assert batch.signer == world.deputy
    assert (batch.signer_authority, batch.signer_title, batch.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Minh Hiển",
    )
    assert batch.issuer_snapshot["heading"] == {
        "parent": "ỦY BAN NHÂN DÂN",
        "name": "TỈNH BẾN TRE",
        "parent_bold": True,
    }


def test_typed_lines_are_refused_when_the_issuer_lists_signers_and_nothing_is_made(world):
    before = counts()
    with pytest.raises(NoticeError, match="^Ủy ban nhân dân tỉnh Bến Tre có danh sách người ký"):
        new_batch(world)
    assert counts() == before


def test_a_signer_of_another_unit_is_refused_and_nothing_is_made(world):
    director = UnitSignerFactory(unit=world.health, full_name="Phan Thị Ngọc Hà")
    before = counts()
    with pytest.raises(
        NoticeError,
        match="^Phan Thị Ngọc Hà không phải người ký văn bản của Ủy ban nhân dân tỉnh Bến Tre",
    ):
        new_batch(world, signer=director)
    assert counts() == before


def test_letters_rendered_after_a_rename_keep_the_old_heading_and_the_block(world):
    batch = listed(world)
    world.province.name = "Ủy ban nhân dân tỉnh Vĩnh Long"
    world.province.issuer_name = "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG"
    world.province.save()

    render_batch(batch)

    text = pdf_text(batch.notices.order_by("unit__path").last().file)
    for expected in ("TỈNH BẾN TRE", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"):
        assert expected in text, expected
    assert "VĨNH LONG" not in text.upper()
