"""The API under /api/v1/ (its namespace is the version), its schema and documentation,
and the officers' token page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from .views import reads, tokens, writes

router = SimpleRouter()
router.register("units", reads.UnitViewSet, basename="unit")
router.register("individuals", reads.IndividualViewSet, basename="individual")
router.register("award-types", reads.AwardTypeViewSet, basename="award-type")
router.register("campaigns", reads.CampaignViewSet, basename="campaign")
router.register("decisions", reads.DecisionViewSet, basename="decision")
router.register("public-awards", reads.PublicAwardViewSet, basename="public-award")
router.register("achievements", writes.AchievementViewSet, basename="achievement")
router.register("nominations", writes.NominationViewSet, basename="nomination")

app_name = "api"

urlpatterns = [
    path("api/v1/", include((router.urls, "v1"), namespace="v1")),
    # Outside the version's namespace: no versioning, the schema is v1's.
    path(
        "api/schema/",
        SpectacularAPIView.as_view(versioning_class=None, api_version="v1"),
        name="schema",
    ),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            versioning_class=None, url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("accounts/api-tokens/", tokens.token_list, name="token_list"),
    path("accounts/api-tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
