from django.urls import path

from . import views

app_name = "notify"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("installningar/", views.preferences, name="preferences"),
    path("<int:pk>/las/", views.mark_read, name="mark_read"),
    path("las-alla/", views.mark_all_read, name="mark_all_read"),
]
