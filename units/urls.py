from django.urls import path

from . import views
from .views import imports

app_name = "units"

urlpatterns = [
    path("units/autocomplete/", views.unit_autocomplete, name="unit_autocomplete"),
    path(
        "individuals/autocomplete/", views.individual_autocomplete, name="individual_autocomplete"
    ),
    path("staff-import/", imports.staff_import, name="staff_import"),
    path("staff-import/template/", imports.staff_import_template, name="staff_import_template"),
    path("staff-import/<int:pk>/", imports.staff_import_detail, name="staff_import_detail"),
    path(
        "staff-import/<int:pk>/progress/",
        imports.staff_import_progress,
        name="staff_import_progress",
    ),
    path(
        "staff-import/<int:pk>/confirm/", imports.staff_import_confirm, name="staff_import_confirm"
    ),
    path("staff-import/<int:pk>/retry/", imports.staff_import_retry, name="staff_import_retry"),
    path("staff-import/<int:pk>/file/", imports.staff_import_file, name="staff_import_file"),
]
