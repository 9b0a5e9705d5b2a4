"""Registration (diarieföring) for channel owners and Webbredaktionen. Include with
`path("arkiv/", include("insidan.archive.urls"))`; the archive browser itself is in the
Wagtail admin (wagtail_hooks.py)."""

from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("registrera/<str:object_type>/<str:object_id>/", views.register, name="register"),
    path("registreringar/<uuid:uuid>/<str:fmt>/", views.registration_export,
         name="registration_export"),
]
