from django.urls import path

from .views import notices, registrations, reminders  # noqa: F401 - filled in below

app_name = "campaign"

urlpatterns = [
    path("campaigns/<int:pk>/", registrations.campaign_detail, name="campaign_detail"),
    path(
        "campaigns/<int:pk>/register/", registrations.registration_edit, name="registration_create"
    ),
    path(
        "campaigns/<int:pk>/register/<int:registration_pk>/",
        registrations.registration_edit,
        name="registration_edit",
    ),
    # --- Reminders (staff): log, rules, send now -------------------------------------
    # --- end of reminders --------------------------------------------------------------
    # --- Notices (công văn đôn đốc) ------------------------------------------------------
    # --- end of notices ------------------------------------------------------------------
]
