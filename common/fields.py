"""A list of choices stored as JSON, edited as check boxes.

Used where a row addresses several values of an enumeration (a campaign's unit
types and individual categories).  JSON keeps it portable between SQLite and
PostgreSQL without a join table for a fixed vocabulary.
"""

from django import forms
from django.core import checks, exceptions
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    def __init__(self, *args, choices_enum=None, **kwargs):
        self.choices_enum = choices_enum
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_enum"] = self.choices_enum
        return name, path, args, kwargs

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if self.choices_enum is None:
            errors.append(checks.Error("ChoiceListField needs choices_enum.", obj=self))
        return errors

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = set(self.choices_enum.values)
        unknown = [v for v in value or [] if v not in allowed]
        if unknown:
            raise exceptions.ValidationError(
                _("Giá trị không hợp lệ: %(values)s"), params={"values": ", ".join(unknown)}
            )

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.choices_enum.choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
            **{k: v for k, v in kwargs.items() if k in {"label", "help_text", "initial"}},
        )

    def labels(self, value):
        names = dict(self.choices_enum.choices)
        return [names.get(v, v) for v in value or []]
