"""PDF rendering with WeasyPrint: the engine, the QR codes, the URL fetcher.

Nothing here touches Django or the database, so the rendering processes that
``awards.services.rendering`` starts import it quickly and share nothing.
"""
