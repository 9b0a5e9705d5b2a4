"""Profiles, status updates and the people finder; the queryset form of permissions.py."""

import logging

from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.http import Http404
from wagtail.search.backends import get_search_backend

from insidan.core.models import HIDDEN_STATES, ModerationState
from insidan.core.permissions import is_webbredaktionen

from .models import Department, Follow, OwnerlessChannel, Profile, Skill, StatusUpdate, TaggedSkill

logger = logging.getLogger(__name__)
# At most this many words of a query count (a name and a title are a handful).
FINDER_MAX_WORDS = 6
# The full-text part of the finder (work descriptions) contributes at most this many people.
FINDER_TEXT_HITS = 500


def _is_employee(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def profiles_visible_to(user) -> QuerySet[Profile]:
    if not _is_employee(user):
        return Profile.objects.none()
    return Profile.objects.filter(user__is_active=True).select_related(
        "user", "department", "manager", "photo"
    )


def access_profile(user, username: str, *, with_following: bool = False) -> Profile:
    """The profile, or 404 for a missing and a hidden one alike. `with_following` also reads,
    in the same query, whether the user follows its owner (`is_followed`)."""
    profiles = profiles_visible_to(user)
    if with_following:
        profiles = profiles.annotate(is_followed=Exists(
            Follow.objects.filter(follower_id=user.pk, followed=OuterRef("user_id"))))
    try:
        return profiles.get(user__username=username)
    except Profile.DoesNotExist:
        raise Http404 from None


def _visible_rule(user) -> Q:
    """The rule as a condition (for an employee), so lists combine it in one WHERE clause
    instead of a subquery over every status update."""
    if is_webbredaktionen(user):
        return ~Q(moderation_state=ModerationState.REMOVED)
    return Q(moderation_state=ModerationState.VISIBLE) | Q(
        moderation_state__in=HIDDEN_STATES, author=user)


def status_updates_visible_to(user) -> QuerySet[StatusUpdate]:
    if not _is_employee(user):
        return StatusUpdate.objects.none()
    return StatusUpdate.objects.filter(_visible_rule(user)).select_related(
        "author", "author__profile")


def status_updates_shown_to(user) -> QuerySet[StatusUpdate]:
    """What a list shows in place: the visible ones and the tombstones of removed ones."""
    if not _is_employee(user):
        return StatusUpdate.objects.none()
    return StatusUpdate.objects.filter(
        _visible_rule(user) | Q(moderation_state=ModerationState.REMOVED)
    ).select_related("author", "author__profile", "author__profile__photo")


def access_status_update(user, username: str, pk: int) -> StatusUpdate:
    update = status_updates_visible_to(user).filter(author__username=username, pk=pk).first()
    if update is None:
        raise Http404
    return update


def status_feed_for(user) -> QuerySet[StatusUpdate]:
    """Status updates from the people the user follows and from their department, and their
    own, newest first. A fixed number of queries however long the feed is."""
    if not _is_employee(user):
        return StatusUpdate.objects.none()
    followed = Follow.objects.filter(follower=user).values("followed_id")
    sources = Q(author_id__in=followed) | Q(author=user)
    department = Profile.objects.filter(user=user, department__isnull=False)
    sources |= Q(author__profile__department_id__in=department.values("department_id"))
    return (
        status_updates_visible_to(user).filter(sources)
        .select_related("author__profile__photo")
        .order_by("-created_at", "-pk")
    )


def comments_by_update(user, updates: list[StatusUpdate]) -> dict[int, list]:
    """The comments on a page of status updates in one query, grouped by update: the comments
    app's own thread rule (insidan.comments.selectors.threads_on), not a copy of it."""
    from insidan.comments.selectors import threads_on

    return {int(pk): thread for pk, thread in threads_on(user, updates).items()}


def open_ownerless_channels() -> QuerySet[OwnerlessChannel]:
    return OwnerlessChannel.objects.filter(resolved_at=None).select_related(
        "content_type", "former_owner")


def _with_people(user, model, path: str, key: str) -> QuerySet:
    """(model name, key as text, name, whether a profile the user may see points to the row
    through `path`). The test is an EXISTS per row in the select list, so PostgreSQL stops at
    the first person of each row (an index lookup or three) instead of joining every profile:
    the skill list as a join of 60,000 taggings took 110 ms."""
    people = profiles_visible_to(user).filter(**{path: OuterRef("pk")})
    return (model.objects.order_by()
            .annotate(choice_kind=Value(model._meta.model_name),
                      choice_key=Cast(key, CharField()), has_people=Exists(people))
            .values_list("choice_kind", "choice_key", "name", "has_people"))


def finder_choices(user) -> tuple[list[tuple[int, str]], list[tuple[str, str]]]:
    """The people finder's choices, by name, in one query: (pk, name) of the departments and
    (slug, name) of the skills that at least one employee the user may see has."""
    rows = (_with_people(user, Department, "department", "pk")
            .union(_with_people(user, Skill, "tagged_skills__tag", "slug"), all=True)
            .order_by("choice_kind", "name"))
    departments, skills = [], []
    for kind, key, name, has_people in rows:
        if not has_people:
            continue
        if kind == Department._meta.model_name:
            departments.append((int(key), name))
        else:
            skills.append((key, name))
    return departments, skills


def find_people(user, *, query: str = "", department_id: int | None = None,
                skill: str = "", profiles: QuerySet[Profile] | None = None):
    """The people finder. Every word of the query must begin a word of the first or last
    name, title, department or a skill ("Pet" finds Petra and Petersson, "kultur" the
    Kultur- och fritidsförvaltningen); or the whole query matches the person's own texts in
    full-text search. Sorted by name.

    The visibility rule (active employees only) is a filter of the queryset (and of the
    full-text search's), so a deactivated employee is never a hit.
    """
    if profiles is None:
        profiles = profiles_visible_to(user)
    if department_id:
        profiles = profiles.filter(department_id=department_id)
    if skill and not query:
        # One profile has a skill once (a unique constraint), so the join adds no duplicates.
        profiles = profiles.filter(tagged_skills__tag__slug=skill)
    elif skill:
        # The search backends filter on indexed fields only: the ids, not a join.
        profiles = profiles.filter(
            id__in=list(Profile.objects.filter(skills__slug=skill).values_list("pk", flat=True)))
    if not query.strip():
        return profiles.order_by("user__last_name", "user__first_name", "pk")
    words = [w for w in (_trimmed(w) for w in query.split()) if w][:FINDER_MAX_WORDS]
    if not words:  # only punctuation: nothing to look for
        return profiles.none()
    found = Q()
    for word in words:
        found &= _begins_a_word(word)
    text_hits = _text_hits(user, " ".join(words))
    if text_hits:
        found |= Q(pk__in=text_hits)
    return profiles.filter(found).order_by("user__last_name", "user__first_name", "pk")


def _trimmed(word: str) -> str:
    """The word without the quotes, brackets, stars and other marks around it ("Pet", (hol)."""
    start, end = 0, len(word)
    while start < end and not word[start].isalnum():
        start += 1
    while end > start and not word[end - 1].isalnum():
        end -= 1
    return word[start:end]


def _word_start_pattern(word: str) -> str:
    """A PostgreSQL regular expression for "a word that begins with `word`", case-insensitive
    through ~*. Everything but letters and digits is escaped, so no query syntax (quotes,
    stars, brackets, backslashes) means anything: it is looked for as itself."""
    escaped = "".join(c if c.isalnum() else "\\" + c for c in word)
    return r"\m" + escaped


def _begins_a_word(word: str) -> Q:
    """The word begins a word of the first or last name, the title, the department's name or
    one of the person's skills. Letters are Swedish letters: "åb" finds Åberg, "ab" does not
    (å is a letter of its own, not an a with a ring)."""
    pattern = _word_start_pattern(word)
    skill = TaggedSkill.objects.filter(content_object=OuterRef("pk"), tag__name__iregex=pattern)
    return (Q(user__first_name__iregex=pattern) | Q(user__last_name__iregex=pattern)
            | Q(title__iregex=pattern) | Q(department__name__iregex=pattern) | Exists(skill))


def _text_hits(user, query: str) -> list[int]:
    """People whose longer texts (work description, experience) match the query in Swedish
    full-text search, in every word form. The search backend may be away (Elasticsearch
    down): the finder then matches on names, titles, departments and skills only."""
    try:
        with transaction.atomic():  # a failed statement must not end the request's transaction
            visible = profiles_visible_to(user).select_related(None).only("pk")
            results = get_search_backend().search(query, visible, operator="and")
            return [profile.pk for profile in results[:FINDER_TEXT_HITS]]
    except Exception:  # any backend failure: the name matches still answer
        logger.warning("people finder: full-text search failed", exc_info=True)
        return []


def autocomplete_people(user, query: str, limit: int = 10) -> list[Profile]:
    """Names only, for the search box's suggestions; the same visibility filter."""
    query = (query or "").strip()[:50]
    if not query:
        return []
    backend = get_search_backend()
    # Profile's only AutocompleteFields are the user's first and last name.
    return list(backend.autocomplete(query, profiles_visible_to(user))[:limit])
