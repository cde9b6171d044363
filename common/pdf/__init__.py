"""PDF documents: the only package of the project that calls WeasyPrint.

``engine`` (WeasyPrint, one font configuration per process, the restricted
URL fetcher, pypdf splitting, the page-count checks), ``qr``, ``pool`` and
``worker`` need no Django and no database: the rendering processes import
only those, start quickly and share nothing with the process that asked for
the rendering.

``letterhead`` writes the lines of the official format (Decree 30/2020/NĐ-CP)
that every document of an issuing body prints: the issuer heading, the place
and date line, the title of the body's head.  ``stylesheet`` gives the base
stylesheet of official documents (the shipped fonts, A4, and the letterhead
and closing partials of ``common/templates/common/pdf/``) and the folders the
renderer may read; ``storage`` stores rendered files.  These know nothing of
the apps: they take a unit (or anything with its attributes) and plain values.
"""
