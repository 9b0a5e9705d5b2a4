"""The project's URLs with the archive's registration pages included, as README asks
(`path("arkiv/", include("insidan.archive.urls"))`), for tests that run before that is done."""

from django.urls import include, path

from insidan.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("arkiv/", include("insidan.archive.urls")), *project_urlpatterns]
