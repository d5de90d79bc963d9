from django.urls import path

from . import views

app_name = "branch"

urlpatterns = [
    path("", views.home, name="home"),
]
