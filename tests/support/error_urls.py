"""The portal's URLs plus views that fail on purpose, to reach the error handlers."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from config.urls import handler400
from config.urls import urlpatterns as portal_urlpatterns


def raises_runtime_error(request):
    raise RuntimeError("a bug")


def raises_permission_denied(request):
    raise PermissionDenied


def raises_bad_request(request):
    raise BadRequest("garbled")


urlpatterns = [
    path("test-errors/500/", raises_runtime_error),
    path("test-errors/403/", raises_permission_denied),
    path("test-errors/400/", raises_bad_request),
    *portal_urlpatterns,
]

__all__ = ["handler400", "urlpatterns"]
