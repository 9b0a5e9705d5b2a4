from django.urls import path

from . import feeds, views

app_name = "blogs"

urlpatterns = [
    path("", views.blog_list, name="blog_list"),
    path("ny/", views.request_blog, name="request"),
    path("obesvarade/", views.unanswered, name="unanswered"),
    path("<slug:slug>/feed/", feeds.BlogRssFeed(), name="feed"),
    path("<slug:slug>/feed/atom/", feeds.BlogAtomFeed(), name="atom_feed"),
    path("<slug:slug>/folj/", views.follow, name="follow"),
    path("<slug:slug>/agare/", views.manage, name="manage"),
    path("<slug:slug>/agare/bild/", views.image_edit, name="image_edit"),
    path("<slug:slug>/bild/<int:image_id>/<str:size>/", views.blog_image, name="image"),
    path("<slug:slug>/agare/skribenter/", views.add_writer, name="add_writer"),
    path("<slug:slug>/agare/skribenter/<str:username>/ta-bort/", views.remove_writer,
         name="remove_writer"),
    path("<slug:slug>/agare/avveckla/", views.request_decommission, name="decommission"),
]
