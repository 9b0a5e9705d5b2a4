from django.urls import path

from . import views

app_name = "profiles"

urlpatterns = [
    path("personer/", views.people, name="people"),
    path("personer/autocomplete/", views.people_autocomplete, name="autocomplete"),
    path("min-profil/andra/", views.edit_profile, name="edit"),
    path("min-profil/foto/", views.upload_photo, name="photo_upload"),
    path("min-profil/granskad/", views.confirm_reviewed, name="reviewed"),
    path("min-profil/status/", views.post_status, name="post_status"),
    path("profil/<str:username>/", views.profile_detail, name="profile"),
    path("profil/<str:username>/foto/<str:size>/", views.photo, name="photo"),
    path("profil/<str:username>/folj/", views.follow_toggle, name="follow"),
    path("profil/<str:username>/status/<int:pk>/", views.status_detail, name="status"),
]
