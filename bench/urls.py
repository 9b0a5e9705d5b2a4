"""The project's URLs plus the floor view, for the benchmark only."""

from django.urls import include, path

from bench.floor import floor_view

urlpatterns = [
    path("bench/floor/", floor_view, name="bench_floor"),
    path("", include("insidan.urls")),
]
