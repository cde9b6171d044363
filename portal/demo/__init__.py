"""Demonstration data: Plan 2777 of Bến Tre province, its units, people and dossiers.

``python manage.py load_demo`` builds it; see :mod:`portal.demo.loader`.
"""
