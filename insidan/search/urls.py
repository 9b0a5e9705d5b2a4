from django.urls import path

from . import views

# Included without a namespace: the main menu shows "Sök" once reverse("search") works.
urlpatterns = [
    path("", views.search_page, name="search"),
    path("autocomplete/", views.autocomplete, name="search_autocomplete"),
]
