from django.urls import path

from .views import manage, public

app_name = "honours"

urlpatterns = [
    path("honours/", public.board, name="board"),
    path("honours/campaign/<int:pk>/", public.campaign_board, name="campaign"),
    path("honours/units/", public.unit_autocomplete, name="unit_autocomplete"),
    path("honours/photo/<int:pk>/", public.photo, name="photo"),
    path("honours/manage/", manage.manage, name="manage"),
    path("honours/manage/people/<int:pk>/", manage.person, name="person"),
    path(
        "honours/manage/people/<int:pk>/visibility/",
        manage.person_visibility,
        name="person_visibility",
    ),
    path("honours/manage/people/<int:pk>/consent/", manage.person_consent, name="person_consent"),
    path(
        "honours/manage/consents/<int:pk>/withdraw/",
        manage.consent_withdraw,
        name="consent_withdraw",
    ),
    path("honours/manage/units/<int:pk>/", manage.unit, name="unit"),
    path("honours/<str:key>/", public.entry, name="entry"),
]
