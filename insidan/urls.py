from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from insidan.accounts.language import set_language
from insidan.core import views as core_views

# Django's own admin is for superusers only (installation maintenance); everyone else works in
# the Wagtail admin at /admin/.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

urlpatterns = [
    path("konto/", include("insidan.accounts.urls")),
    path("sprak/", login_not_required(set_language), name="set_language"),
    path("villkor/<str:kind>/", core_views.terms_view, name="terms"),
    path("notiser/", include("insidan.notify.urls")),
    path("rum/", include("collab.urls")),
    path("forum/", include("forums.urls")),
    path("bloggar/", include("blogs.urls")),
    path("kommentarer/", include("insidan.comments.urls")),
    path("arkiv/", include("insidan.archive.urls")),
    path("sok/", include("insidan.search.urls")),
    path("", include("insidan.moderation.urls")),
    path("", include("profiles.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
]

# Wagtail serves the start page and the rules page; it must come last.
urlpatterns += [path("", include(wagtail_urls))]
