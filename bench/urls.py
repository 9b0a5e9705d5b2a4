"""The project's URLs plus the floor view, for the benchmark only."""

from django.urls import include, path

from bench.floor import floor_view, layout_view

urlpatterns = [
    path("bench/floor/", floor_view, name="bench_floor"),
    path("bench/layout/", layout_view, name="bench_layout"),
    path("", include("insidan.urls")),
]
