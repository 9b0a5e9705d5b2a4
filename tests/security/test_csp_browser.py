"""The Content-Security-Policy in a real browser (Chromium): the site's and the admin's pages
load with no script refused by the policy and no script error, and the two scripts moved out of
inline <script> tags work: the people finder's suggestions and Wagtail's date pickers (whose
widget templates this project overrides, insidan/security/templates/wagtailadmin/widgets/)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from blogs import actions as blog_actions
from blogs.tests.factories import make_blog
from profiles.tests.factories import UserFactory
from tests.e2e import conftest as e2e

# The browser tests' fixtures: Debian's Chromium, a page on the live server, and the copy of
# the migrations' data kept across Playwright's contexts.
browser = e2e.browser
page = e2e.page
_serialized_rollback_across_contexts = e2e._serialized_rollback_across_contexts
log_in = e2e.log_in

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
