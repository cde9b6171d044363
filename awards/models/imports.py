"""A list of nominations (danh sách đề nghị) uploaded as Excel by a unit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.excel.jobs import ImportJob


class NominationImport(ImportJob):
    """One uploaded list of nominations for ``campaign``, put forward by
    ``nominating_unit``: each row becomes an achievement and a draft nomination of a
    person or collective of that unit or below (``services/nomination_import.py``)."""

    task_name = "awards.run_nomination_import"
    task_argument = "import_id"

    campaign = models.ForeignKey(
        "campaign.Campaign",
        verbose_name=_("phong trào"),
        on_delete=models.CASCADE,
        related_name="nomination_imports",
    )
    nominating_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.CASCADE,
        related_name="nomination_imports",
    )

    class Meta(ImportJob.Meta):
        verbose_name = _("lần nhập danh sách đề nghị")
        verbose_name_plural = _("lần nhập danh sách đề nghị")
