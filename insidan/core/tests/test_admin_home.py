"""Webbredaktionen's admin home (issue 20): Wagtail's empty dashboard became panels of what
waits for them, each linking to its list; other admin users get none of them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blogs.tests.factories import make_blog, make_post
from forums import actions as forum_actions
from insidan.core.actions import publish_terms
from insidan.core.models import ChannelKind
from insidan.moderation.models import ReportCategory
from insidan.moderation.tests.factories import make_case
from insidan.moderation.tests.factories import make_post as make_forum_post
from profiles.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _panel(html: str, name: str) -> str:
    start = html.index(f'id="panel-{name}"')
    return html[start:html.index("</section>", start)]


def _forum_request(webbred, name: str):
    terms = publish_terms(actor=webbred, kind=ChannelKind.FORUM, title="Forumvillkor",
                          body="<p>Villkor</p>")
    return forum_actions.request_forum(
        actor=UserFactory(), name=name, purpose="Frågor", target_group="Alla",
        watched_hours="Vardagar", approved_by=UserFactory(), terms=terms)


def test_webbredaktionen_sees_what_waits_for_them_urgent_reports_first(client, webbred):
    calm = make_case(item=make_forum_post(title="Lugnt"), category=ReportCategory.ADVERTISING)
    urgent = make_case(item=make_forum_post(title="Brådskande"),
                       category=ReportCategory.HATE_SPEECH, text="Hets.")
    _forum_request(webbred, "Trädgårdsforum")
    client.force_login(webbred)
    html = client.get("/admin/").content.decode()
    reports = _panel(html, "anmalningar")
    assert "Anmälningar att besluta om" in reports and re.search(r">\s*2\s*<", reports)
    assert reports.index(f"/admin/anmalningar/{urgent.pk}/") < reports.index(
        f"/admin/anmalningar/{calm.pk}/")
    assert "Brådskande" in reports and 'href="/admin/anmalningar/"' in reports
    forums = _panel(html, "forumbegaranden")
    assert "Trädgårdsforum" in forums and "/admin/forum-requests/" in forums
    for name in ("bloggbegaranden", "forumbevakning", "utan-agare", "ogonblicksbilder"):
        assert f'id="panel-{name}"' in html, name
    assert "Nästa schemalagda:" in _panel(html, "ogonblicksbilder")
    assert 'href="/forum/bevakning/"' in _panel(html, "forumbevakning")


def test_the_admin_home_costs_the_same_with_more_waiting(client, webbred):
    client.force_login(webbred)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for n in range(6):
        make_case(item=make_forum_post(title=f"Tråd {n}"))
    with CaptureQueriesContext(connection) as many:
        assert client.get("/admin/").status_code == 200
    assert len(many) == len(few)


def test_a_blog_writer_gets_no_webbredaktionen_panels(client, employee):
    blog = make_blog(employee)
    make_post(blog)
    make_case(item=make_forum_post())
    client.force_login(employee)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'id="panel-' not in response.content.decode()
