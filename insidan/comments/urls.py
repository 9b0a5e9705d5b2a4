from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<int:content_type_id>/<str:pk>/", views.comment, name="post"),
]
