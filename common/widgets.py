"""Form widgets shared by the apps.

:class:`AutocompleteSelect` is the select of a model choice with too many rows to list
(2,082 units, a unit's hundreds of people): it renders only the chosen option(s) and a
``data-autocomplete-url`` attribute, and ``static/js/autocomplete.js`` turns it into a
search box that asks that URL.  It never iterates the field's queryset; the only query
it makes is for the labels of the chosen values.  The field still validates a submitted
value against its own queryset, as any model choice does.  It serves models with integer
keys (every model of the portal): a chosen value that is not one renders no option.
"""

from django import forms
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


class AutocompleteSelect(forms.Select):
    """A select of the chosen option(s) only, searched remotely at ``url_name``."""

    def __init__(self, url_name: str, attrs=None, *, placeholder=None):
        super().__init__(attrs)
        self.url_name = url_name
        self.placeholder = placeholder

    def get_context(self, name, value, attrs):
        attrs = {
            **(attrs or {}),
            "data-autocomplete-url": reverse(self.url_name),
            "data-placeholder": self.placeholder or _("Gõ vài chữ của tên để tìm…"),
            "data-no-results": _("Không tìm thấy."),
            "data-clear": _("Bỏ chọn"),
        }
        return super().get_context(name, value, attrs)

    def optgroups(self, name, value, attrs=None):
        chosen = [v for v in value if v not in ("", None)]
        options = []
        if not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", not chosen, 0, attrs=attrs))
        for index, (pk, label) in enumerate(self.chosen_labels(chosen), start=len(options)):
            options.append(self.create_option(name, pk, label, True, index, attrs=attrs))
        return [(None, options, 0)]

    def chosen_labels(self, chosen) -> list[tuple[str, str]]:
        """(value, label) of the chosen rows the field's queryset holds, one query."""
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        if not chosen or queryset is None:
            return []
        field = iterator.field
        keys = [v for v in chosen if str(v).isdigit() and int(v) < 2**63]  # typed text: keys only
        if not keys:
            return []
        rows = queryset.filter(pk__in=keys)
        return [(str(field.prepare_value(row)), field.label_from_instance(row)) for row in rows]


class PlainSelect(forms.Select):
    """A select written in Python, option by option: the filter forms of the big lists
    (``common.forms.FilterForm``) render on every load of the review queue and the
    activity log, where Django's template per select costs more than the rest of the
    form.  Flat choices only (no option groups); the options carry no attributes but
    ``selected``."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            key = "" if option_value is None else str(option_value)
            selected = " selected" if key in chosen else ""
            options.append(
                f'<option value="{conditional_escape(key)}"{selected}>'
                f"{conditional_escape(label)}</option>"
            )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(  # noqa: S308 - every value above is escaped
            f'<select name="{conditional_escape(name)}"{attributes}>{"".join(options)}</select>'
        )
