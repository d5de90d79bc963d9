from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("", views.contact, name="contact"),
    path("<int:pk>/vcard/", views.vcard, name="vcard"),
]
