"""The Content-Security-Policy in a real browser (Chromium): the site's and the admin's pages
load with no script refused by the policy and no script error, and the two scripts moved out of
inline <script> tags work: the people finder's suggestions and Wagtail's date pickers (whose
widget templates this project overrides, insidan/security/templates/wagtailadmin/widgets/).
And the rate limit's 429 page passes axe (WCAG 2.1 AA)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from blogs import actions as blog_actions
from blogs.tests.factories import make_blog
from profiles.tests.factories import UserFactory
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" and ("Content Security Policy" in m.text
                                      or "Refused to" in m.text) else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    return problems


def _user(username: str, *groups: str):
    user = UserFactory(username=username, first_name=username.capitalize(), last_name="Test")
    user.set_password("demo")
    user.save()
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def test_site_pages_and_people_suggestions_run_under_the_policy(page):
    _user("anna")
    _user("annika")
    problems = _watch(page)
    log_in(page, "anna")
    for url in ("/", "/forum/", "/rum/", "/sok/?q=test", "/notiser/"):
        page.goto(url)
    page.goto("/personer/")
    page.get_by_label("Sök på namn, titel, förvaltning eller kunskap").fill("Anni")
    page.locator("#people-suggestions a", has_text="Annika").wait_for()
    assert not problems, problems


def test_admin_pages_and_date_pickers_run_under_the_policy(page):
    webbred = _user("wilma", settings.WEBBREDAKTIONEN_GROUP)
    blog = make_blog(webbred=webbred, writers=[webbred])
    post = blog_actions.create_post(actor=webbred, blog=blog, title="Inlägg", body="Text.")
    problems = _watch(page)
    log_in(page, "wilma")
    for url in ("/admin/", "/admin/anmalningar/", "/admin/arkiv/poster/"):
        page.goto(url)
        page.locator("#wagtail").wait_for()
    page.goto(f"/admin/pages/{post.pk}/edit/")
    page.locator("#id_title").wait_for()
    # The date pickers were started by the script file: jQuery's picker adds its popup.
    assert page.locator(".xdsoft_datetimepicker").count() >= 1
    # A superuser's dashboard asks for nothing outside the site (no update check).
    root = _user("root")
    root.is_superuser = True
    root.save(update_fields=["is_superuser"])
    page.context.clear_cookies()
    log_in(page, "root")
    page.goto("/admin/")
    page.locator("#wagtail").wait_for()
    page.wait_for_load_state("networkidle")
    assert not problems, problems


def test_rate_limited_page_is_accessible_and_says_when(page, settings):
    settings.LOGIN_FAILURES_PER_USERNAME = "1/900"
    _user("anna")
    problems = _watch(page)
    log_in(page, "anna", "fel")
    response_page = page.goto("/konto/logga-in/")
    assert response_page.status == 200
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill("demo")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Logga in").click()
    assert posted.value.status == 429
    page.get_by_role("heading", name="Vänta en stund").wait_for()
    # A fixed window of 15 minutes: what is left of it, and the time it ends.
    assert re.search(r"Försök igen om (en minut|\d+ minuter), klockan \d\d:\d\d",
                     page.content())
    assert_accessible(page)
    assert not problems, problems
