"""Template filters of the good-practice library."""

from django import template

from ..enums import PracticeState

register = template.Library()


@register.filter
def practice_state(value):
    """The label of a practice state code; an unknown code shows as itself."""
    try:
        return PracticeState(value).label
    except ValueError:
        return value
