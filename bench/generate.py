"""The scale data set: `python -m bench.generate` (DJANGO_SETTINGS_MODULE=bench.settings).

BENCH_SCALE (default 1.0) scales every count of the issue's data set (bench/plan.py). The load
is resumable: each stage, and each chunk of the big ones, commits together with its row in
`bench_progress`; run it again after an interruption and it continues where it stopped.

What is bulk-loaded (COPY) holds what the actions would have stored: rendered and sanitised
body_html (a handful of distinct texts rendered once with the project's pipeline), the comment
thread fields (thread_id, parent_id, level, order, nested_count), denormalised discussion
counters, notification rows with their target and URL. Blogs are created with Wagtail's
`add_child` and a first revision; blog posts are written straight into the treebeard
materialised-path tree (path, depth, numchild, url_path) under them, live and without
revisions. Search index rows are written with the search backend's own `add_bulk`.
"""

import os
import sys
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from bench.plan import from_environment

    generate(from_environment())


def generate(plan, *, index_fraction: float | None = None, quiet: bool = False) -> None:
    from bench import loader
    from bench.rows import Rows

    started = time.monotonic()
    if quiet:
        loader.say = lambda message: None
    loader.say(f"bench: generating at scale {plan.scale} {plan.counts}")
    loader.ensure_progress_table()
    loader.run_once("setup", lambda: setup(plan))
    rows = Rows(plan, base_ids(plan))
    for stage, total, chunk in [
        ("users", plan.users, 20_000),
        ("profiles", plan.users, 10_000),
    ]:
        loader.run_chunked(stage, total, getattr(rows, stage), chunk)
    loader.run_once("people_after", lambda: people_after(plan))
    for stage, total in [
        ("status_updates", plan.status_updates),
        ("rooms", plan.rooms),
        ("forums", plan.forums),
        ("discussions", plan.discussions),
        ("posts", plan.posts),
    ]:
        loader.run_chunked(stage, total, getattr(rows, stage))
    loader.run_once("discussion_counters", discussion_counters)
    loader.run_once("blogs", lambda: create_blogs(plan))
    rows.ids.update(blog_ids(plan))
    loader.run_chunked("blog_posts", plan.blog_posts, rows.blog_posts, 10_000)
    loader.run_once("blog_tree", lambda: blog_tree(rows.ids))
    for stage, total in [
        ("blog_comments", plan.blog_comments),
        ("status_comments", plan.status_comments),
        ("report_cases", plan.report_cases),
        ("notifications", plan.notifications),
    ]:
        loader.run_chunked(stage, total, getattr(rows, stage))
    loader.run_once("sequences", lambda: loader.reset_sequences(LOADED_TABLES))
    from bench.search_index import index_all

    fraction = index_fraction if index_fraction is not None else float(
        os.environ.get("BENCH_INDEX_FRACTION", "1.0"))
    index_all(fraction)
    loader.run_once("analyze", analyze)
    loader.say(f"bench: data set ready in {time.monotonic() - started:.0f} s this run")


LOADED_TABLES = [
    "auth_user", "profiles_profile", "profiles_taggedskill", "profiles_follow",
    "profiles_statusupdate", "collab_room", "collab_membership", "forums_forum",
    "forums_discussion", "forums_post", "wagtailcore_page", "blogs_blogpostpage_writers",
    "django_comments", "moderation_reportcase", "moderation_report",
    "notifications_notification",
]


def setup(plan) -> None:
    from django.contrib.auth import get_user_model

    from profiles.models import Department, Skill

    if get_user_model().objects.exists():
        raise SystemExit("bench: the database already has users but no bench progress; "
                         "generate into a fresh database (make bench creates insidan_bench).")
    Department.objects.bulk_create(
        [Department(name=f"Förvaltning {n:02d}") for n in range(1, 41)])
    from bench.plan import SKILLS

    Skill.objects.bulk_create(
        [Skill(name=f"Kunskap {n:03d}", slug=f"kunskap-{n:03d}") for n in range(SKILLS)])


def base_ids(plan) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType

    from bench.plan import BLOG_POST_PAGE_ID_BASE
    from blogs.models import BlogPostPage
    from forums.models import Forum, Post
    from profiles.models import Department, Skill, StatusUpdate

    def ct(model):
        return ContentType.objects.get_for_model(model, for_concrete_model=True).pk

    return {
        "password": make_password("bench"),
        "departments": list(Department.objects.order_by("pk").values_list("pk", flat=True)),
        "skills": list(Skill.objects.order_by("pk").values_list("pk", flat=True)),
        "ct": {"user": ct(get_user_model()), "post": ct(Post), "forum": ct(Forum),
               "statusupdate": ct(StatusUpdate), "blogpostpage": ct(BlogPostPage)},
        "page_base": BLOG_POST_PAGE_ID_BASE,
    }


def people_after(plan) -> None:
    """The editor joins Webbredaktionen; channel terms exist (published by the action)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from bench.plan import EDITOR_ID
    from insidan.core.actions import publish_terms
    from insidan.core.models import ChannelKind, TermsVersion

    editor = get_user_model().objects.get(pk=EDITOR_ID)
    editor.groups.add(Group.objects.get(name=settings.WEBBREDAKTIONEN_GROUP))
    for kind in ChannelKind:
        if not TermsVersion.objects.filter(kind=kind).exists():
            publish_terms(actor=editor, kind=kind, title=f"Villkor ({kind.label})",
                          body="<p>Jag har talat med min chef och tar ansvar för kanalen.</p>")


def discussion_counters() -> None:
    """post_count and last_post_at, which the forum actions keep on every post."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE forums_discussion d SET post_count = s.n, last_post_at = s.last "
            "FROM (SELECT discussion_id, count(*) AS n, max(created_at) AS last "
            "FROM forums_post GROUP BY discussion_id) s WHERE s.discussion_id = d.id"
        )


def create_blogs(plan) -> None:
    from django.contrib.auth import get_user_model

    from bench.rows import manager_of
    from blogs.models import BlogIndexPage, BlogPage
    from insidan.core.text import render_markdown

    User = get_user_model()
    for b in range(plan.blogs):
        owner_id = 4 + (b * 23) % (plan.users - 3)
        approver = manager_of(plan, owner_id) or 1
        presentation = f"Blogg nummer {b + 1}: tankar om arbetet i kommunen."
        index = BlogIndexPage.objects.get()  # fresh each time: treebeard reads numchild
        blog = index.add_child(instance=BlogPage(
            title=f"Blogg {b + 1}", slug=f"blogg-{b + 1}", owner=User(pk=owner_id),
            approved_by_id=approver if approver != owner_id else 1,
            purpose="Att berätta om arbetet.", target_group="Alla anställda",
            watched_hours="vardagar 8–17", presentation=presentation,
            presentation_html=str(render_markdown(presentation)), live=True,
            first_published_at=plan.at(b, plan.blogs),
        ))
        blog.save_revision(clean=False, log_action=False)
        blog.writers.set([owner_id])


def blog_ids(plan) -> dict:
    from blogs.models import BlogPage

    blogs = list(BlogPage.objects.order_by("path").values(
        "pk", "path", "depth", "url_path", "owner_id", "locale_id"))
    if len(blogs) != plan.blogs:
        raise SystemExit(f"bench: expected {plan.blogs} blogs, found {len(blogs)}")
    return {"blogs": [
        {"pk": b["pk"], "path": b["path"], "depth": b["depth"], "url_path": b["url_path"],
         "owner": b["owner_id"], "locale": b["locale_id"]}
        for b in sorted(blogs, key=lambda b: int(b["url_path"].rstrip("/").rsplit("-", 1)[1]))
    ]}


def blog_tree(ids: dict) -> None:
    """numchild of each blog, as treebeard keeps it."""
    from django.db import connection

    with connection.cursor() as cursor:
        for blog in ids["blogs"]:
            cursor.execute(
                "UPDATE wagtailcore_page SET numchild = (SELECT count(*) FROM wagtailcore_page c "
                "WHERE c.path LIKE %s AND c.depth = %s) WHERE id = %s",
                [blog["path"] + "____", blog["depth"] + 1, blog["pk"]],
            )


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


if __name__ == "__main__":
    sys.exit(main())
