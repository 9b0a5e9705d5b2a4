from django.urls import path, register_converter

from . import views


class ItemLabelConverter:
    """`<app_label>.<model>`: resolved against the visibility registry in the view."""

    regex = r"[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ItemLabelConverter, "item_label")

app_name = "moderation"

urlpatterns = [
    path("anmal/<item_label:label>/<str:pk>/", views.report, name="report"),
    path("anmalningar/mina/", views.my_reports, name="my_reports"),
    path("anmalningar/", views.owner_cases, name="owner_cases"),
    path("anmalningar/<int:pk>/", views.case_detail, name="case"),
]
