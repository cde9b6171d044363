from django.urls import path

from .views import documents, sessions, voting

app_name = "council"

urlpatterns = [
    path("council/", sessions.session_list, name="session_list"),
    path("council/new/", sessions.session_create, name="session_create"),
    path("council/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("council/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("council/<int:pk>/open/", sessions.session_open, name="session_open"),
    path("council/<int:pk>/close/", sessions.session_close, name="session_close"),
    path("council/<int:pk>/materials/", sessions.material_add, name="material_add"),
    path(
        "council/<int:pk>/materials/<int:material_pk>/",
        sessions.material_download,
        name="material_download",
    ),
    path("council/<int:pk>/attendance/", sessions.attendance, name="attendance"),
    path("council/<int:pk>/written/", sessions.written_vote, name="written_vote"),
    path("council/<int:pk>/paper/", sessions.paper_count, name="paper_count"),
    path("council/<int:pk>/minutes/", documents.minutes_download, name="minutes_download"),
    path("council/<int:pk>/minutes/progress/", documents.minutes_progress, name="minutes_progress"),
    path("council/<int:pk>/minutes/retry/", documents.minutes_retry, name="minutes_retry"),
    path("council/<int:pk>/ballot.pdf", documents.paper_ballot, name="paper_ballot"),
    # --- the member's ballot ---------------------------------------------------------------
    path("council/<int:pk>/vote/", voting.session_vote, name="session_vote"),
    path("council/<int:pk>/vote/<int:item_pk>/recuse/", voting.item_recuse, name="item_recuse"),
]
