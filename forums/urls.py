from django.urls import path

from . import owner_views, views

app_name = "forums"

urlpatterns = [
    path("", views.forum_list, name="forum_list"),
    path("ny/", views.request_forum, name="request"),
    path("bevakning/", owner_views.watch_list, name="watch_list"),
    path("bevakning/<int:pk>/arkivera/", owner_views.carry_out, name="carry_out"),
    path("<slug:slug>/", views.forum_detail, name="forum"),
    path("<slug:slug>/folj/", views.follow_forum, name="follow_forum"),
    path("<slug:slug>/agare/", owner_views.owner_page, name="owner_page"),
    path("<slug:slug>/agare/overlamna/", owner_views.hand_over, name="hand_over"),
    path("<slug:slug>/agare/bild/", owner_views.image_edit, name="image_edit"),
    path("<slug:slug>/bild/<int:image_id>/<str:size>/", owner_views.forum_image, name="image"),
    path("<slug:slug>/agare/avveckla/", owner_views.request_forum_decommission,
         name="request_decommission"),
    path("<slug:slug>/<int:pk>/", views.discussion_detail, name="discussion"),
    path("<slug:slug>/<int:pk>/inlagg/<int:post_pk>/redigera/", views.edit_post,
         name="edit_post"),
    path("<slug:slug>/<int:pk>/moderatorn/", views.moderator_note, name="moderator_note"),
    path("<slug:slug>/<int:pk>/inlagg/<int:post_pk>/dolj/", views.hide_for_review,
         name="hide_for_review"),
    # Before the catch-all `moderate` pattern below, which takes any word after the id.
    path("<slug:slug>/<int:pk>/folj/", views.follow_discussion, name="follow_discussion"),
    path("<slug:slug>/<int:pk>/forsta-olasta/", views.first_unread, name="first_unread"),
    path("<slug:slug>/<int:pk>/flytta/", owner_views.move, name="move"),
    path("<slug:slug>/<int:pk>/avveckla/", owner_views.request_discussion_decommission,
         name="request_discussion_decommission"),
    path("<slug:slug>/<int:pk>/<str:operation>/", views.moderate, name="moderate"),
]
