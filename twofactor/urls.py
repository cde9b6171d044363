from django.urls import path

from . import views

app_name = "twofactor"

urlpatterns = [
    path("accounts/two-factor/", views.manage, name="manage"),
    path("accounts/two-factor/verify/", views.verify, name="verify"),
    path("accounts/two-factor/setup/", views.enrol, name="enrol"),
    path("accounts/two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("accounts/two-factor/recovery-codes/new/", views.regenerate, name="regenerate"),
    path("accounts/two-factor/remove/", views.remove, name="remove"),
]
