from django.urls import path

from . import views

app_name = "profiles"

urlpatterns = [
    path("personer/", views.people, name="people"),
    path("profil/<str:username>/", views.profile_detail, name="profile"),
]
