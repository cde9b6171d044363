"""Forms of the shared pages: the user's own preferences, the password reset request,
and the form class of list filters (``FilterForm``), whose fields carry Bootstrap's
classes themselves so that a plain partial renders them without crispy-forms'
per-field templates."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .models import EmailMode, UserPreference
from .widgets import PlainSelect


class EmailPreferenceForm(forms.Form):
    """How the logged-in user receives notification emails.  It names no user:
    the view saves it for ``request.user`` only."""

    email_mode = forms.ChoiceField(
        label=_("Nhận thư thông báo"),
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
    )

    def save(self, user) -> UserPreference:
        preference, _created = UserPreference.objects.update_or_create(
            user=user, defaults={"email_mode": self.cleaned_data["email_mode"]}
        )
        return preference


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset request, its one field named as the page names it."""

    email = forms.EmailField(
        label=_("Địa chỉ thư điện tử"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Địa chỉ thư điện tử chưa đúng, ví dụ đúng: canbo@donvi.gov.vn.")
        },
    )


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """A model choice list read in one plain query.  Django's iterator reads it through
    ``QuerySet.iterator()``, a server-side cursor on PostgreSQL (three round trips) for
    a list of a few dozen rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class FilterForm(forms.Form):
    """The form of a list's FilterSet (``Meta.form``): each widget gets Bootstrap's class
    (``form-select`` for a select, ``form-control`` otherwise) and, once validated, a
    field with errors gets ``is-invalid``.  A plain select is written in Python
    (``common.widgets.PlainSelect``) instead of through templates, and a model's
    choices are read in one plain query (``ListedChoiceIterator``).
    Rendered by ``common/_filter_fields.html``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            bootstrap = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {bootstrap}".strip()
            if isinstance(field, forms.ModelChoiceField):
                field.iterator = ListedChoiceIterator
                widget.choices = field.choices  # the widget holds the iterator it was given
            if type(widget) is forms.Select:
                field.widget = PlainSelect(attrs=widget.attrs, choices=widget.choices)
                field.widget.is_required = widget.is_required

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs['class']} is-invalid"
