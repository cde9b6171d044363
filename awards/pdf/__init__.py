"""The awards' PDFs: ``content`` builds the HTML of the decision and of the
certificates from the models, and their stylesheet.  WeasyPrint, the render
pool and the official format's shared lines are in ``common.pdf``.
"""
