from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from .selectors import access_profile, profiles_visible_to


def profile_detail(request, username: str):
    profile = access_profile(request.user, username)
    return render(request, "profiles/profile_detail.html", {"profile": profile})


def people(request):
    query = request.GET.get("q", "").strip()[:100]
    profiles = profiles_visible_to(request.user).order_by("user__last_name", "user__first_name")
    if query:
        for word in query.split():
            profiles = profiles.filter(
                Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
                | Q(title__icontains=word) | Q(department__name__icontains=word)
            )
    page = Paginator(profiles, 30).get_page(request.GET.get("sida"))
    return render(request, "profiles/people.html", {"page": page, "query": query})
