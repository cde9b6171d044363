from django.urls import path

from .views import manage, public

app_name = "practices"

urlpatterns = [
    # Public, without login.
    path("practices/", public.public_list, name="public_list"),
    path("practices/<int:pk>/", public.public_detail, name="public_detail"),
    path("practices/photos/<int:pk>/", public.public_photo, name="public_photo"),
    path("practices/photos/<int:pk>/thumb/", public.public_thumbnail, name="public_thumbnail"),
    # Officers and staff.
    path("practices/manage/", manage.practice_list, name="list"),
    path("practices/manage/new/", manage.practice_create, name="create"),
    path("practices/manage/statistics/", manage.practice_statistics, name="statistics"),
    path("practices/manage/<int:pk>/", manage.practice_detail, name="detail"),
    path("practices/manage/<int:pk>/edit/", manage.practice_edit, name="edit"),
    path("practices/manage/<int:pk>/action/", manage.practice_action, name="action"),
    path("practices/manage/files/<int:pk>/", manage.practice_file, name="file"),
    path("practices/<int:pk>/adopt/", manage.adoption_create, name="adopt"),
]
