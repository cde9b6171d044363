from django.contrib import admin
from django.urls import include, path

from awards.views.certificates import verify

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Public: where the QR code of a certificate leads (no login).
    path("verify/<slug:token>/", verify, name="verify"),
    path("", include("awards.urls")),
    path("", include("campaign.urls")),
    path("", include("units.urls")),
    path("", include("portal.urls")),
    path("", include("common.urls")),
]

handler400 = "common.views.bad_request"
