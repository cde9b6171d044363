from django.urls import path

from . import views

app_name = "campaign"

urlpatterns = [
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/register/", views.registration_edit, name="registration_create"),
    path(
        "campaigns/<int:pk>/register/<int:registration_pk>/",
        views.registration_edit,
        name="registration_edit",
    ),
]
