from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("", views.forum_list, name="forum_list"),
    path("ny/", views.request_forum, name="request"),
    path("<slug:slug>/", views.forum_detail, name="forum"),
    path("<slug:slug>/<int:pk>/", views.discussion_detail, name="discussion"),
    path("<slug:slug>/<int:pk>/inlagg/<int:post_pk>/redigera/", views.edit_post,
         name="edit_post"),
    path("<slug:slug>/<int:pk>/moderatorn/", views.moderator_note, name="moderator_note"),
    path("<slug:slug>/<int:pk>/inlagg/<int:post_pk>/dolj/", views.hide_for_review,
         name="hide_for_review"),
    path("<slug:slug>/<int:pk>/<str:operation>/", views.moderate, name="moderate"),
]
