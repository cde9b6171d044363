from django.contrib import admin
from django.urls import include, path

from awards.views.certificates import verify
from common.views import healthz

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Public: "ok" while the web process answers (health checks, no database).
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Public: where the QR code of a certificate leads (no login).
    path("verify/<slug:token>/", verify, name="verify"),
    path("", include("api.urls")),
    path("", include("awards.urls")),
    path("", include("campaign.urls")),
    path("", include("council.urls")),
    path("", include("units.urls")),
    path("", include("twofactor.urls")),
    path("", include("honours.urls")),
    path("", include("practices.urls")),
    path("", include("portal.urls")),
    path("", include("common.urls")),
]

handler400 = "common.views.bad_request"
