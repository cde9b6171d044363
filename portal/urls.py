from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("activity/", views.activity_log, name="activity_log"),
    path("feed/", views.feed, name="feed"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]
