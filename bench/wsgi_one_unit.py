"""The portal's WSGI application with the queue's unit filter offering one unit.

Only for ``bench.queue``: served beside the real application, it shows what the
queue's pages cost without the 2,082-option ``<select>`` that the unit filter
renders today.  The filter itself (the rows it selects) is unchanged.
"""

from config.wsgi import application  # noqa: F401 - gunicorn serves this name

from awards import filters  # isort: skip - after Django is set up by config.wsgi

_original_init = filters.NominationFilter.__init__


def _one_unit(self, *args, **kwargs):
    _original_init(self, *args, **kwargs)
    self.filters["unit"].queryset = self.filters["unit"].queryset[:1]


filters.NominationFilter.__init__ = _one_unit
