"""Registration (diarieföring): the channel's owners and deputies and Webbredaktionen register
an item with a typed or generated diarienummer; the export holds the item as registered; the
badge shows "Registrerad <diarienummer>" to those who may see it."""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forums.actions import edit_post
from insidan.archive.actions import next_diarienummer, register_item
from insidan.archive.models import Registration
from insidan.archive.selectors import registrations_by_item
from insidan.core.permissions import forget_roles
from profiles.tests.factories import UserFactory

YEAR = timezone.localdate().year
DESCRIPTION = "Fråga till kommunen om söndagsöppet på biblioteken"


def register(actor, item, **kwargs):
    return register_item(actor=actor, item=item, description=DESCRIPTION, **kwargs)


# --- the action -----------------------------------------------------------------------------


def test_owner_registers_a_post_with_a_number_from_the_series(other_employee, post):
    registration = register(other_employee, post)
    assert registration.diarienummer == f"KS-{YEAR}-0001" and registration.generated
    assert (registration.object_type, registration.object_id) == ("forums.post", str(post.pk))
    assert registration.received_on == timezone.localtime(post.created_at).date()
    assert registration.sender == "Anna Lindqvist"  # the author, unless typed in
    assert registration.description == DESCRIPTION
    assert registration.channel_label == "Forum: Bibliotekarier"
    assert (registration.registered_by, registration.registered_by_username) == (
        "Erik Bergström", "erik")
    assert registration.data["content_text"] == "Hur gör ni med **söndagsöppet**?"
    assert registration.data["author"]["username"] == "anna"
    entry = ModelLogEntry.objects.get(action="insidan.archive.register")
    assert entry.object_id == str(post.pk) and entry.data["diarienummer"] == f"KS-{YEAR}-0001"


def test_typed_number_date_and_sender_are_kept(webbred, post):
    registration = register(webbred, post, diarienummer="  KSN-2012-0385 ",
                            received_on=date(2024, 5, 2), sender="Biblioteksrådet")
    assert (registration.diarienummer, registration.generated) == ("KSN-2012-0385", False)
    assert (registration.received_on, registration.sender) == (date(2024, 5, 2),
                                                                "Biblioteksrådet")


def test_numbers_follow_each_other_and_skip_numbers_typed_by_hand(webbred, discussion, post):
    second = discussion.posts.order_by("pk").last()
    register(webbred, post, diarienummer=f"KS-{YEAR}-0001")
    assert register(webbred, second).diarienummer == f"KS-{YEAR}-0002"
    assert next_diarienummer() == f"KS-{YEAR}-0003"


def test_the_series_is_configurable(settings, webbred, post):
    settings.ARCHIVE_DIARIE_SERIES = "KLK {year}/{month:02d}-{seq}"
    month = timezone.localdate().month
    assert register(webbred, post).diarienummer == f"KLK {YEAR}/{month:02d}-1"
    settings.ARCHIVE_DIARIE_SERIES = "KS-{år}-{seq}"
    with pytest.raises(ImproperlyConfigured, match="ARCHIVE_DIARIE_SERIES"):
        next_diarienummer()


def test_the_registration_keeps_the_item_as_it_was(employee, other_employee, post):
    registration = register(other_employee, post)
    edit_post(actor=employee, post=post, body="Ändrat efteråt")
    registration.refresh_from_db()
    assert registration.data["content_text"] == "Hur gör ni med **söndagsöppet**?"


@pytest.fixture
def deputy(forum):
    user = UserFactory(username="deputy")
    forum.deputies.add(user)
    return user


def test_deputies_and_webbredaktionen_register_too(deputy, webbred, discussion):
    first, second = discussion.posts.order_by("pk")
    assert register(deputy, first).registered_by_username == "deputy"
    assert register(webbred, second).registered_by_username == "webbred"


def test_someone_else_may_not_register_and_nothing_is_written(employee, post):
    with pytest.raises(PermissionDenied, match="ägare och ställföreträdare"):
        register(employee, post)  # the author, but not the channel's owner
    assert not Registration.objects.exists()


def test_an_item_the_user_cannot_see_cannot_be_registered(webbred, room, document, employee):
    outsider = employee  # not a member of the closed room
    with pytest.raises(PermissionDenied):
        register(outsider, document)


def test_a_description_is_required(other_employee, post):
    with pytest.raises(ValidationError) as caught:
        register_item(actor=other_employee, item=post, description="  ")
    assert "kort beskrivning" in caught.value.message_dict["description"][0]
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("diarienummer", "KS<script>", "får bara innehålla"),
     ("received_on", timezone.localdate() + timedelta(days=1), "framtiden")],
)
def test_bad_input_is_refused_with_a_message(other_employee, post, field, value, message):
    with pytest.raises(ValidationError) as caught:
        register(other_employee, post, **{field: value})
    assert message in caught.value.message_dict[field][0]
    assert not Registration.objects.exists()


def test_an_item_is_registered_once(other_employee, webbred, post):
    register(other_employee, post)
    with pytest.raises(ValidationError, match=f"redan registrerat med diarienummer KS-{YEAR}-0001"):
        register(webbred, post, diarienummer="KS-1")
    assert Registration.objects.count() == 1


# --- the badge ------------------------------------------------------------------------------

BADGE = Template('{% include "archive/includes/registered_badge.html" with item=item %}')


def _render(template, user, item, **extra) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return template.render(Context({"request": request, "item": item, **extra})).strip()


def test_badge_shows_the_number_to_owners_and_webbredaktionen(
    other_employee, webbred, employee, deputy, post
):
    register(other_employee, post)
    expected = f'<span class="badge badge--registered">Registrerad KS-{YEAR}-0001</span>'
    assert _render(BADGE, other_employee, post) == expected
    assert _render(BADGE, deputy, post) == expected
    assert _render(BADGE, webbred, post) == expected
    assert _render(BADGE, employee, post) == ""  # the author, not an owner


def test_badge_for_an_unregistered_item_is_empty(webbred, post):
    assert _render(BADGE, webbred, post) == ""


def test_badges_on_a_list_cost_one_query(webbred, discussion, django_assert_num_queries):
    posts = list(discussion.posts.order_by("pk"))
    register(webbred, posts[0])
    registrations = registrations_by_item(posts)
    forget_roles(webbred)  # a new request: nothing known about the viewer yet
    many = Template('{% for post in posts %}'
                    '{% include "archive/includes/registered_badge.html" with item=post %}'
                    '{% endfor %}')
    with django_assert_num_queries(1):  # is the viewer an archive reader (cached per page)
        html = _render(many, webbred, None, posts=posts, archive_registrations=registrations)
    assert html.count("Registrerad") == 1


# --- the pages ------------------------------------------------------------------------------

pytestmark = pytest.mark.urls("insidan.archive.tests.urls")


def _register_url(item) -> str:
    return reverse("archive:register", args=[item._meta.label_lower, item.pk])


def test_owner_registers_from_the_page(client, other_employee, post):
    client.force_login(other_employee)
    assert client.get(_register_url(post)).status_code == 200
    response = client.post(_register_url(post), {"description": DESCRIPTION})
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert Registration.objects.get().diarienummer == f"KS-{YEAR}-0001"


def test_page_shows_errors_and_writes_nothing(client, other_employee, post):
    client.force_login(other_employee)
    response = client.post(_register_url(post), {"description": ""})
    assert response.status_code == 200 and "Skriv en kort beskrivning" in response.text
    response = client.post(_register_url(post), {"description": "x", "diarienummer": "<x>"})
    assert response.status_code == 200
    assert 'id="id_diarienummer_error_1">Diarienumret får bara innehålla' in response.text
    assert not Registration.objects.exists()


def test_page_refuses_others_and_hides_what_they_cannot_see(
    client, employee, post, document
):
    client.force_login(employee)
    assert client.get(_register_url(post)).status_code == 403
    assert client.get(_register_url(document)).status_code == 404  # closed room, not a member
    assert client.get(reverse("archive:register", args=["auth.user", employee.pk])).status_code \
        == 404


def test_register_link_is_shown_to_those_who_may_register(other_employee, employee, post):
    link = Template('{% include "archive/includes/register_link.html" with item=item %}')
    assert f'href="{_register_url(post)}"' in _render(link, other_employee, post)
    assert _render(link, employee, post) == ""


def test_export_as_json_and_html_for_the_owner(client, other_employee, employee, post):
    registration = register(other_employee, post)
    client.force_login(other_employee)
    url = reverse("archive:registration_export", args=[registration.uuid, "json"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    exported = json.loads(response.content)
    assert exported["diarienummer"] == f"KS-{YEAR}-0001"
    assert exported["description"] == DESCRIPTION
    assert exported["content_text"] == "Hur gör ni med **söndagsöppet**?"
    html = client.get(reverse("archive:registration_export", args=[registration.uuid, "html"]))
    assert html.status_code == 200 and f"KS-{YEAR}-0001" in html.text
    assert "<p>Hur gör ni med <strong>söndagsöppet</strong>?</p>" in html.text
    client.force_login(employee)
    assert client.get(url).status_code == 404


def _register_url(item) -> str:
    return f"/arkiv/registrera/{item._meta.label_lower}/{item.pk}/"


def test_registrera_is_offered_on_blog_posts_status_updates_and_room_documents(
        client, employee, other_employee, webbred, document):
    """The content of each post decides, not the channel (the guideline): Registrera was on
    forum posts only."""
    from blogs.tests.factories import make_blog, make_post
    from profiles.actions import post_status_update

    blog = make_blog(other_employee, name="Byggbloggen", webbred=webbred)
    blog_post = make_post(blog, title="Beslut om bygglov")
    update = post_status_update(actor=employee, body="Ansökan om bygglov är inskickad.")
    room = document.room
    pages = [
        (blog_post, blog_post.url, other_employee),   # the blog's owner
        (update, update.get_absolute_url(), webbred),   # nobody owns a profile's updates
        (document, f"{room.get_absolute_url()}dokument/", other_employee),  # the room's owner
    ]
    for item, page, manager in pages:
        client.force_login(manager)
        html = client.get(page).content.decode()
        assert _register_url(item) in html, (item, page)
        assert client.get(_register_url(item)).status_code == 200
        response = client.post(_register_url(item), {"description": "Inkommen handling"})
        assert response.status_code == 302, response.content.decode()[:1500]
        html = client.get(page).content.decode()
        assert "Registrerad KS-" in html and _register_url(item) not in html
    # An ordinary reader is offered nothing.
    client.force_login(UserFactory())
    for _item, page, _manager in pages[:2]:
        html = client.get(page).content.decode()
        assert "/arkiv/registrera/" not in html and "Registrerad KS-" not in html


def test_the_readable_copy_is_a_document_not_keys_and_json(client, webbred, employee, post):
    """The "readable copy" was raw keys and JSON: it is a document with the registration, the
    item, its author and times (Stockholm's), and its text."""
    from django.utils import timezone

    registration = register(webbred, post, sender="Anna Lindqvist")
    client.force_login(webbred)
    response = client.get(f"/admin/arkiv/registreringar/download/{registration.pk}/html/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert f"<h1>Registrering {registration.diarienummer}</h1>" in html
    for text in ("Inkom", "Avsändare", "Anna Lindqvist", DESCRIPTION, "Författare",
                 post.author.get_full_name(), "Inlägg", post.body_html,
                 timezone.localtime(registration.registered_at).strftime("%H:%M")):
        assert text in html, text
    for raw in ("received_on", "object_type", "thread_context", "registered_by_username",
                "{&quot;", "None", "True", "False"):
        assert raw not in html, raw
