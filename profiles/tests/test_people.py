"""The people finder's choices, its list and its rendered rows."""

import pytest
from django import forms

from profiles import actions
from profiles.forms import PeopleSearchForm, PlainSelect
from profiles.selectors import finder_choices
from profiles.tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def with_skills(user, *skills):
    actions.update_own_profile(actor=user, profile=user.profile, work_description="",
                               experience="", languages="", skills=list(skills))


def test_choices_are_those_of_visible_employees_only(employee, other_employee):
    with_skills(employee, "GIS")
    with_skills(other_employee, "Upphandling", "GIS")
    other_employee.profile.department = DepartmentFactory(name="Räddningstjänsten")
    other_employee.profile.save()
    DepartmentFactory(name="Tomma kontoret")
    departments, skills = finder_choices(employee)
    assert skills == [("gis", "GIS"), ("upphandling", "Upphandling")]
    assert [name for _pk, name in departments] == ["Kommunledningskontoret",
                                                   "Räddningstjänsten"]
    assert departments[1][0] == other_employee.profile.department_id
    actions.deactivate_employee(actor=None, user=other_employee)
    departments, skills = finder_choices(employee)
    assert skills == [("gis", "GIS")]
    assert [name for _pk, name in departments] == ["Kommunledningskontoret"]


@pytest.mark.parametrize("data", [{"skill": "a&b", "dep": "3"}, {"skill": "zz", "dep": "x"}, {}])
def test_plain_select_picks_and_refuses_like_django_select(data):
    """Same attributes, the same option selected, the same errors; only the whitespace
    between options differs."""

    def form(widget, field):
        class Form(forms.Form):
            skill = forms.ChoiceField(required=False, help_text="Hjälp", widget=widget,
                                      choices=[("", "Alla"), ("a&b", "A <b>"), ("3", "x")])
            dep = field(required=False, coerce=int, empty_value=None, widget=widget,
                        choices=[("", "Alla"), (3, "Tre"), (4, "Fyra")])
        return Form(data)

    from profiles.forms import PlainChoiceField

    django_form, ours = form(forms.Select, forms.TypedChoiceField), form(PlainSelect,
                                                                        PlainChoiceField)
    assert django_form.is_valid() == ours.is_valid()
    assert django_form.errors == ours.errors
    for name in ["skill", "dep"]:
        def normal(html):
            return sorted(" ".join(html.split()).replace("> <", "><").split("><"))
        assert normal(str(django_form[name])) == normal(str(ours[name]))


def test_search_form_validates_against_the_choices():
    form = PeopleSearchForm({"skill": "gis", "department": "7"}, departments=[(7, "Sju")],
                            skills=[("gis", "GIS")])
    assert form.is_valid() and form.cleaned_data["department"] == 7
    assert form.cleaned_data["skill"] == "gis"
    form = PeopleSearchForm({"skill": "okand", "department": "8"}, departments=[(7, "Sju")],
                            skills=[("gis", "GIS")])
    assert not form.is_valid() and set(form.errors) == {"skill", "department"}


def test_a_row_shows_a_staff_directory_change_at_once(client, employee, other_employee):
    """The rows come from the fragment cache; its key holds every value a row shows."""
    with_skills(other_employee, "GIS")
    client.force_login(employee)
    html = client.get("/personer/?skill=gis").content.decode()
    assert "Handläggare" in html and 'href="/profil/erik/"' in html
    profile = other_employee.profile
    profile.title, profile.phone = "Brandman", "018-111 11 11"
    profile.save()
    other_employee.last_name = "Åberg"
    other_employee.save()
    html = client.get("/personer/?skill=gis").content.decode()
    assert "Brandman" in html and "018-111 11 11" in html and "Erik Åberg" in html
    assert "Handläggare" not in html and "Bergström" not in html


def test_profile_items_show_moderation_and_new_comments_at_once(client, employee,
                                                                other_employee):
    """Status updates with their comments come from the fragment cache; the key holds every
    value an item shows, so a removal, a hidden comment or a new comment shows at once."""
    from insidan.comments.actions import post_comment
    from insidan.comments.models import Comment
    from insidan.core.models import ModerationState

    update = actions.post_status_update(actor=employee, body="Arbetar med budgeten")
    comment = post_comment(actor=other_employee, target=update, text="Lycka till")
    viewer = UserFactory()
    client.force_login(viewer)
    html = client.get("/profil/anna/").content.decode()
    assert "Lycka till" in html and "Arbetar med budgeten" in html
    Comment.objects.filter(pk=comment.pk).update(
        moderation_state=ModerationState.REMOVED, moderation_reason="Kränkande",
        comment="", comment_html="", is_removed=True)
    html = client.get("/profil/anna/").content.decode()
    assert "Lycka till" not in html and "Borttaget av webbredaktionen: Kränkande." in html
    post_comment(actor=other_employee, target=update, text="Nytt svar")
    assert "Nytt svar" in client.get("/profil/anna/").content.decode()
    other_employee.first_name = "Erika"
    other_employee.save()
    assert "Erika Bergström" in client.get("/profil/anna/").content.decode()


def test_page_with_total_pages_like_the_paginator(employee):
    from django.core.paginator import Paginator

    from profiles.models import Profile
    from profiles.paging import page_with_total

    for _ in range(6):
        UserFactory()
    profiles = Profile.objects.order_by("pk")
    for number in [None, "x", "0", "1", "2", "3", "99"]:
        ours, django = page_with_total(profiles, 3, number), Paginator(profiles, 3).get_page(
            number)
        assert ours.number == django.number, number
        assert ours.paginator.count == django.paginator.count == 7
        assert list(ours) == list(django)
        assert ours.has_next() == django.has_next()
    empty = page_with_total(Profile.objects.none(), 3, "1")
    assert empty.paginator.count == 0 and list(empty) == [] and empty.number == 1


def test_follow_button_and_status_pages(client, employee, other_employee):
    """The follow state is read with the profile; the status updates' page and total with
    one query."""
    client.force_login(employee)
    assert ">Följ</button>" in client.get("/profil/erik/").content.decode()
    client.post("/profil/erik/folj/", {"follow": "1"})
    assert ">Sluta följa</button>" in client.get("/profil/erik/").content.decode()
    client.force_login(UserFactory())
    assert ">Följ</button>" in client.get("/profil/erik/").content.decode()
    for number in range(25):
        actions.post_status_update(actor=other_employee, body=f"Status nummer {number}")
    first = client.get("/profil/erik/").content.decode()
    second = client.get("/profil/erik/?sida=2").content.decode()
    assert "Status nummer 24<" in first and "Status nummer 5<" in first
    assert "Status nummer 4<" not in first
    assert "Status nummer 4<" in second and "Status nummer 0<" in second
    assert "Status nummer 5<" not in second
    assert "Sida 2 av 2" in second
