from django.urls import path

from .views import achievements, fast_track, files, nominations

app_name = "awards"

urlpatterns = [
    path("nominations/", nominations.nomination_list, name="nomination_list"),
    path("nominations/new/", nominations.nomination_create, name="nomination_create"),
    path("nominations/fast-track/", fast_track.fast_track, name="fast_track"),
    path("nominations/bulk/", nominations.nomination_bulk, name="nomination_bulk"),
    path("nominations/<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", nominations.nomination_edit, name="nomination_edit"),
    path(
        "nominations/<int:pk>/<slug:action>/",
        nominations.nomination_action,
        name="nomination_action",
    ),
    path("achievements/", achievements.achievement_list, name="achievement_list"),
    path("achievements/new/", achievements.achievement_create, name="achievement_create"),
    path("achievements/<int:pk>/", achievements.achievement_detail, name="achievement_detail"),
    path("achievements/<int:pk>/edit/", achievements.achievement_edit, name="achievement_edit"),
    path("files/evidence/<int:pk>/", files.evidence_file, name="evidence_file"),
    path("files/evidence/<int:pk>/thumb/", files.evidence_thumbnail, name="evidence_thumbnail"),
    path("files/dossier/<int:pk>/", files.dossier_file, name="dossier_file"),
]
