"""PDF rendering with WeasyPrint.

``content`` builds the HTML of the decision and the certificates from the
models.  ``engine`` (WeasyPrint, fonts, URL fetcher, pypdf), ``qr``, ``pool``
and ``worker`` need no Django and no database: the rendering processes import
only those, start quickly and share nothing with the task's process.
"""
