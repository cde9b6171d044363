from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("units/autocomplete/", views.unit_autocomplete, name="unit_autocomplete"),
    path(
        "individuals/autocomplete/", views.individual_autocomplete, name="individual_autocomplete"
    ),
]
