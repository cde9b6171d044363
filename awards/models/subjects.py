from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..enums import SubjectType


class SubjectMixin(models.Model):
    """Who something is about: an individual or a unit, never both and never neither."""

    individual = models.ForeignKey(
        "units.Individual",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(Q(individual__isnull=False) & Q(unit__isnull=True))
                | (Q(individual__isnull=True) & Q(unit__isnull=False)),
                name="%(app_label)s_%(class)s_one_subject",
                violation_error_message=_("Chọn một cá nhân hoặc một tập thể."),
            )
        ]

    @property
    def subject(self):
        return self.individual if self.individual_id else self.unit

    @property
    def subject_type(self) -> str:
        if self.unit_id:
            return SubjectType.COLLECTIVE
        return SubjectType.HOUSEHOLD if self.individual.is_household else SubjectType.INDIVIDUAL

    def get_subject_type_label(self) -> str:
        return SubjectType(self.subject_type).label

    @property
    def subject_name(self) -> str:
        return str(self.subject)
