"""The activity log is append-only, whatever code tries to change it; captioned files
(evidence, a practice's files) share one base and keep their own folders."""

import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from common.models import ActivityLog, log_activity
from tests.factories import EvidenceFactory, PracticeFileFactory, UnitFactory

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


# --- Captioned files: one base, each model's own folders ------------------------------


@pytest.mark.parametrize(
    ("factory", "folder", "thumbnails"),
    [
        (EvidenceFactory, "evidence", "thumbnails"),
        (PracticeFileFactory, "practices", "practice-thumbnails"),
    ],
    ids=["evidence", "practice-file"],
)
def test_captioned_file_is_stored_under_its_models_folders(factory, folder, thumbnails):
    row = factory(original_name="Cổng chợ.jpg", content_type="image/jpeg")
    row.thumbnail.save("thumb.jpg", ContentFile(b"\xff\xd8\xff\xe0 thumb"), save=True)

    month = f"{timezone.now():%Y/%m}"
    assert re.fullmatch(rf"{folder}/{month}/[0-9a-f]{{32}}\.jpg", row.file.name)
    assert re.fullmatch(rf"{thumbnails}/{month}/[0-9a-f]{{32}}\.jpg", row.thumbnail.name)
    assert (str(row), row.is_image) == ("Cổng chợ.jpg", True)


@pytest.mark.parametrize("factory", [EvidenceFactory, PracticeFileFactory])
def test_captioned_pdf_is_not_an_image(factory):
    row = factory(original_name="Báo cáo.pdf", content_type="application/pdf")

    assert (str(row), row.is_image) == ("Báo cáo.pdf", False)
