"""Thin views: look the object up through the visibility rule, call the action, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insidan.core import images
from insidan.security.idempotency import TOKEN_FIELD, submit_once

from . import actions, photos
from .forms import OwnProfileForm, PeopleSearchForm, PhotoForm, StatusUpdateForm
from .paging import page_with_total
from .permissions import can_edit_profile
from .rendering import person_items, status_items
from .selectors import (
    access_profile,
    access_status_update,
    autocomplete_people,
    comments_by_update,
    find_people,
    finder_choices,
    profiles_visible_to,
    status_feed_for,
    status_updates_shown_to,
)

STATUS_PER_PAGE = 20
PEOPLE_PER_PAGE = 30
LIST_COLUMNS = ("title", "phone", "photo_id", "user__username", "user__first_name",
                "user__last_name", "department__name")


def _own_profile(request):
    return access_profile(request.user, request.user.get_username())


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def profile_detail(request, username: str):
    profile = access_profile(request.user, username, with_following=True)
    # All by one author, whose profile is on the page already: only the author's names.
    updates = (status_updates_shown_to(request.user).filter(author=profile.user)
               .select_related(None).select_related("author"))
    page = page_with_total(updates.order_by("-created_at", "-pk"), STATUS_PER_PAGE,
                           request.GET.get("sida"))
    comments = comments_by_update(request.user, list(page))
    is_own = can_edit_profile(request.user, profile)
    updates = [(update, comments.get(update.pk, [])) for update in page]
    return render(request, "profiles/profile_detail.html", {
        "profile": profile, "page": page, "is_own": is_own, "updates": updates,
        "update_items": status_items(request.user, updates),
        "skills": sorted(profile.skills.all(), key=lambda s: s.name.lower()),
        "status_form": StatusUpdateForm() if is_own else None,
        "is_following": not is_own and profile.is_followed,
    })


def status_detail(request, username: str, pk: int):
    update = access_status_update(request.user, username, pk)
    return render(request, "profiles/status_detail.html", {"status_update": update})


@require_POST
def post_status(request):
    form = StatusUpdateForm(request.POST)
    if form.is_valid():
        try:
            submission = submit_once(
                user=request.user, token=form.cleaned_data.get(TOKEN_FIELD),
                perform=lambda: actions.post_status_update(actor=request.user,
                                                           body=form.cleaned_data["body"]),
                url_of=lambda update: update.get_absolute_url(),
            )
        except ValidationError as error:
            form.add_error("body", error)
        else:
            return redirect(submission.url)
    profile = _own_profile(request)
    return render(request, "profiles/status_form.html", {"profile": profile, "form": form},
                  status=400)


@require_POST
def follow_toggle(request, username: str):
    profile = access_profile(request.user, username)
    try:
        if request.POST.get("follow") == "1":
            actions.follow(actor=request.user, user=profile.user)
        else:
            actions.unfollow(actor=request.user, user=profile.user)
    except ValidationError as error:
        _errors(request, error)
    return redirect(profile.get_absolute_url())


def edit_profile(request):
    profile = _own_profile(request)
    initial = {
        "work_description": profile.work_description, "experience": profile.experience,
        "languages": profile.languages,
        "skills": ", ".join(sorted(s.name for s in profile.skills.all())),
    }
    form = OwnProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_own_profile(
                actor=request.user, profile=profile,
                work_description=form.cleaned_data["work_description"],
                experience=form.cleaned_data["experience"],
                languages=form.cleaned_data["languages"], skills=form.skill_list(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Din profil är sparad."))
            return redirect(profile.get_absolute_url())
    return render(request, "profiles/profile_edit.html", {
        "profile": profile, "form": form, "photo_form": PhotoForm()})


@require_POST
def upload_photo(request):
    profile = _own_profile(request)
    if request.POST.get("remove"):
        actions.remove_photo(actor=request.user, profile=profile)
        messages.success(request, _("Fotot är borttaget."))
        return redirect("profiles:edit")
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.set_photo(actor=request.user, profile=profile,
                              upload=form.cleaned_data["photo"])
        except ValidationError as error:
            form.add_error("photo", error)
        else:
            messages.success(request, _("Ditt foto är uppladdat."))
            return redirect(profile.get_absolute_url())
    edit_form = OwnProfileForm(initial={"work_description": profile.work_description,
                                        "experience": profile.experience,
                                        "languages": profile.languages})
    return render(request, "profiles/profile_edit.html", {
        "profile": profile, "form": edit_form, "photo_form": form}, status=400)


@require_POST
def confirm_reviewed(request):
    actions.confirm_profile_reviewed(actor=request.user, profile=_own_profile(request))
    messages.success(request, _("Tack! Din profil är markerad som granskad."))
    return redirect("profiles:profile", request.user.get_username())


@require_GET
def photo(request, username: str, size: str):
    """A rendition of a visible profile's photo, never the original upload. Renditions are
    made when the photo is uploaded; `get_rendition` only finds them here."""
    profile = access_profile(request.user, username)
    if size not in photos.RENDITIONS or profile.photo is None:
        raise Http404
    return images.rendition_response(profile.photo, photos.RENDITIONS[size])


def people(request):
    departments, skills = finder_choices(request.user)
    form = PeopleSearchForm(request.GET or None, departments=departments, skills=skills)
    query, department_id, skill = "", None, ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        department_id, skill = form.cleaned_data["department"], form.cleaned_data["skill"]
    # The list shows name, title, department, phone and photo: not the manager, the photo's
    # row or the long texts.
    profiles = (profiles_visible_to(request.user).select_related(None)
                .select_related("user", "department").only(*LIST_COLUMNS))
    results = find_people(request.user, query=query, department_id=department_id, skill=skill,
                          profiles=profiles)
    if isinstance(results, QuerySet):
        page = page_with_total(results, PEOPLE_PER_PAGE, request.GET.get("sida"))
    else:  # search results
        page = Paginator(results, PEOPLE_PER_PAGE).get_page(request.GET.get("sida"))
    searching = bool(query or department_id or skill)
    feed = [] if searching else list(status_feed_for(request.user)[:5])
    return render(request, "profiles/people.html", {
        "page": page, "people": person_items(page.object_list), "form": form, "query": query,
        "searching": searching, "feed": feed,
    })


@require_GET
def people_autocomplete(request):
    """Names for the search box. Login is required by the middleware, like every view."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    profiles = autocomplete_people(request.user, request.GET.get("q", ""))
    return JsonResponse({"results": [
        {"name": p.full_name, "username": p.user.get_username(), "title": p.title,
         "url": p.get_absolute_url()} for p in profiles]})
