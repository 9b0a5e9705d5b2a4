"""Row builders for the bulk-loaded tables: each returns one chunk for bench.loader."""

import json
import uuid
from datetime import timedelta
from functools import cached_property

from .loader import Chunk
from .plan import (
    BENCH_NOTIFICATIONS,
    EDITOR_ID,
    EMPLOYEE_ID,
    FOLLOWS_PER_USER,
    PROFILE_ID,
    SKILLS_PER_PROFILE,
    Plan,
)
from .texts import (
    BLOG_BODIES,
    DESCRIPTION,
    EXPERIENCE,
    comment_text,
    post_text,
    rendered,
    status_text,
)

FIRST = ["Maria", "Karin", "Lars", "Mikael", "Elin", "Ahmed", "Sofia", "Johan", "Amira", "Per"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Öberg", "Hussein", "Lindqvist", "Ek"]
TITLES = ["Handläggare", "Utredare", "Lärare", "Undersköterska", "Socialsekreterare",
          "Projektledare", "Controller", "Systemförvaltare", "Bibliotekarie", "Enhetschef"]
MODERATION = ("visible", "", None, "")  # moderation_state, reason, changed_at, edit reason
MODERATION_COLUMNS = ("moderation_state", "moderation_reason", "moderation_changed_at",
                      "editorial_edit_reason")
TRANSLATION_NAMESPACE = uuid.UUID("6f1c1ad0-5c43-4c86-9d4d-2f5f3b9f0a10")


def username(user_id: int) -> str:
    return {EDITOR_ID: "bench-webbred", EMPLOYEE_ID: "bench-medarbetare"}.get(
        user_id, f"anst{user_id:05d}")


def manager_of(plan: Plan, user_id: int) -> int | None:
    """Twenty heads; everyone else reports to one of the first twentieth of the staff."""
    if user_id <= 20:
        return 4 if user_id in (EMPLOYEE_ID, PROFILE_ID) else None
    return (user_id * 7) % min(user_id - 1, max(20, plan.users // 20)) + 1


def discussion_title(index: int) -> str:
    topics = ["Budget 2026", "Schemaläggning", "Lokalbokning", "Nytt ärendesystem",
              "Friskvård", "Arbetsmiljö", "Rutiner för felanmälan", "Utbildningsdagar"]
    return f"{topics[index % len(topics)]} ({index + 1})"


def channel_columns() -> tuple[str, ...]:
    return ("name", "slug", "purpose", "target_group", "presentation", "presentation_html",
            "contact", "watched_hours", "status", "created_at", "last_activity_at",
            "approved_by_id", "owner_id", "image_alt")


def channel_values(plan: Plan, name: str, slug: str, owner: int, index: int, total: int):
    presentation = f"Välkommen till {name}. Här samarbetar vi kring **{name.lower()}**."
    approver = manager_of(plan, owner) or EDITOR_ID
    if approver == owner:
        approver = EDITOR_ID
    at = plan.at(index, total)
    return (name, slug, f"Samarbete kring {name}.", "Alla anställda som arbetar med frågan",
            presentation, rendered(presentation), "", "vardagar 8–17", "active", at, at,
            approver, owner, "")


class Rows:
    """Builders bound to one plan and to the ids that exist only once the database does."""

    def __init__(self, plan: Plan, ids: dict):
        self.plan, self.ids = plan, ids

    # --- people ---------------------------------------------------------------------------

    def users(self, start: int, stop: int) -> Chunk:
        p, pw = self.plan, self.ids["password"]
        rows = []
        for uid in range(start + 1, stop + 1):
            name = username(uid)
            rows.append((uid, pw, None, False, name, FIRST[uid % len(FIRST)],
                         LAST[(uid // 7) % len(LAST)], f"{name}@kommun.example", False, True,
                         p.at(uid, p.users)))
        return {"auth_user": (("id", "password", "last_login", "is_superuser", "username",
                               "first_name", "last_name", "email", "is_staff", "is_active",
                               "date_joined"), rows)}

    def profiles(self, start: int, stop: int) -> Chunk:
        p, departments, skills = self.plan, self.ids["departments"], self.ids["skills"]
        profiles, tagged, follows = [], [], []
        for uid in range(start + 1, stop + 1):
            profiles.append((uid, TITLES[uid % len(TITLES)], f"018-727 {uid % 100:02d} 00", "",
                             "Stadshuset", f"E{uid:06d}", departments[uid % len(departments)],
                             manager_of(p, uid), uid, "", EXPERIENCE, rendered(EXPERIENCE), "",
                             None, None, DESCRIPTION, rendered(DESCRIPTION)))
            for k in range(SKILLS_PER_PROFILE):
                tagged.append((uid, skills[(uid + k * 97) % len(skills)]))
            followed = {(uid * 13 + k * 101) % p.users + 1 for k in range(FOLLOWS_PER_USER)}
            follows.extend((p.at(uid, p.users), f, uid) for f in sorted(followed - {uid}))
        return {
            "profiles_profile": (("id", "title", "phone", "mobile", "workplace",
                                  "employee_number", "department_id", "manager_id", "user_id",
                                  "editorial_removal_reason", "experience", "experience_html",
                                  "languages", "photo_id", "reviewed_at", "work_description",
                                  "work_description_html"), profiles),
            "profiles_taggedskill": (("content_object_id", "tag_id"), tagged),
            "profiles_follow": (("created_at", "followed_id", "follower_id"), follows),
        }

    def status_updates(self, start: int, stop: int) -> Chunk:
        p = self.plan
        rows = []
        for i in range(start, stop):
            body, html = status_text(i)
            rows.append((i + 1, *MODERATION, body, html, p.at(i, p.status_updates), None,
                         p.status_author(i)))
        return {"profiles_statusupdate": (("id", *MODERATION_COLUMNS, "body", "body_html",
                                           "created_at", "edited_at", "author_id"), rows)}

    # --- rooms and forums -----------------------------------------------------------------

    def rooms(self, start: int, stop: int) -> Chunk:
        p = self.plan
        kinds = ["profession", "project", "staff_club", "other"]
        rooms, members = [], []
        for rid in range(start + 1, stop + 1):
            closed = p.room_is_closed(rid)
            name = f"{'Projekt' if closed else 'Nätverk'} {rid}"
            rooms.append((rid, *channel_values(p, name, f"rum-{rid}", p.room_owner(rid), rid,
                                               p.rooms), kinds[rid % 4], closed, ""))
            at = p.at(rid, p.rooms)
            members.extend((at, uid, rid) for uid in p.room_members(rid))
        return {
            "collab_room": (("id", *channel_columns(), "room_kind", "is_closed",
                             "decommission_reason"), rooms),
            "collab_membership": (("joined_at", "user_id", "room_id"), members),
        }

    def forums(self, start: int, stop: int) -> Chunk:
        p = self.plan
        rows = []
        for fid in range(start + 1, stop + 1):
            if fid <= p.open_forums:
                owner, room = 4 + (fid * 13) % (p.users - 3), None
                name = f"Forum {fid}"
            else:
                room = fid - p.open_forums
                owner, name = p.room_owner(room), f"Diskussioner i rum {room}"
            rows.append((fid, *channel_values(p, name, p.forum_slug(fid), owner, fid, p.forums),
                         room))
        return {"forums_forum": (("id", *channel_columns(), "room_id"), rows)}

    def discussions(self, start: int, stop: int) -> Chunk:
        p = self.plan
        rows = []
        for d in range(start, stop):
            at = p.at(d, p.discussions)
            rows.append((d + 1, *MODERATION, discussion_title(d), at, at, 0, d % 97 == 0, False,
                         4 + (d * 19) % (p.users - 3), p.forum_of_discussion(d)))
        return {"forums_discussion": (("id", *MODERATION_COLUMNS, "title", "created_at",
                                       "last_post_at", "post_count", "is_pinned", "is_locked",
                                       "author_id", "forum_id"), rows)}

    def posts(self, start: int, stop: int) -> Chunk:
        p = self.plan
        rows = []
        for j in range(start, stop):
            d = p.discussion_of_post(j)
            body, html = post_text(j, rare=j % 100_000 == 7)
            author = EMPLOYEE_ID if j % 997 == 3 else 4 + (j * 31) % (p.users - 3)
            at = p.at(d, p.discussions) + timedelta(seconds=j)
            rows.append((j + 1, *MODERATION, body, html, False, at, None, author, d + 1, None))
        return {"forums_post": (("id", *MODERATION_COLUMNS, "body", "body_html",
                                 "is_moderator_note", "created_at", "edited_at", "author_id",
                                 "discussion_id", "quoted_id"), rows)}

    # --- blogs ----------------------------------------------------------------------------

    def blog_posts(self, start: int, stop: int) -> Chunk:
        from treebeard.mp_tree import MP_Node

        p, blogs, ct = self.plan, self.ids["blogs"], self.ids["ct"]["blogpostpage"]
        pages, posts, writers = [], [], []
        for j in range(start, stop):
            blog = blogs[p.blog_of_post(j)]
            step = MP_Node._int2str(j // p.blogs + 1).rjust(4, "0")
            page_id, slug, at = self.ids["page_base"] + j, f"inlagg-{j + 1}", p.at(j, p.blog_posts)
            title = f"Blogginlägg {j + 1}: {discussion_title(j)}"
            pages.append((page_id, blog["path"] + step, blog["depth"] + 1, 0, title, slug, True,
                          False, f"{blog['url_path']}{slug}/", "", False, "", None, None, False,
                          ct, blog["owner"], False, None, at, None, at, title, None, None,
                          uuid.uuid5(TRANSLATION_NAMESPACE, str(j)), blog["locale"], None, None))
            posts.append((page_id, *MODERATION, at.date(), BLOG_BODIES[j % len(BLOG_BODIES)]))
            writers.append((page_id, blog["owner"]))
        return {
            "wagtailcore_page": (PAGE_COLUMNS, pages),
            "blogs_blogpostpage": (("page_ptr_id", *MODERATION_COLUMNS, "date", "body"), posts),
            "blogs_blogpostpage_writers": (("blogpostpage_id", "user_id"), writers),
        }

    # --- comments -------------------------------------------------------------------------

    @cached_property
    def blog_comment_positions(self) -> list[tuple[int, int, int]]:
        return positions(self.plan.blog_comments, self.plan.target_of_blog_comment)

    @cached_property
    def status_comment_positions(self) -> list[tuple[int, int, int]]:
        return positions(self.plan.status_comments, self.plan.target_of_status_comment)

    def blog_comments(self, start: int, stop: int) -> Chunk:
        p = self.plan
        return self._comments(
            range(start, stop), self.blog_comment_positions, first_id=1,
            content_type=self.ids["ct"]["blogpostpage"],
            object_pk=lambda t: self.ids["page_base"] + t,
            at=lambda t: p.at(t, p.blog_posts))

    def status_comments(self, start: int, stop: int) -> Chunk:
        p = self.plan
        return self._comments(
            range(start, stop), self.status_comment_positions, first_id=p.blog_comments + 1,
            content_type=self.ids["ct"]["statusupdate"], object_pk=lambda t: t + 1,
            at=lambda t: p.at(t, p.status_updates))

    def _comments(self, indexes, placed, *, first_id, content_type, object_pk, at) -> Chunk:
        p = self.plan
        base, xtd, own = [], [], []
        for i in indexes:
            target, position, count = placed[i]
            cid, user = first_id + i, 4 + (i * 53) % (p.users - 3)
            text, html = comment_text(i)
            name = username(user)
            base.append((cid, str(object_pk(target)), name, f"{name}@kommun.example", "", text,
                         at(target) + timedelta(minutes=position + 1), None, True, False,
                         content_type, 1, user))
            if position % 3 == 2:  # a reply to the root comment just before it
                xtd.append((cid, cid - 1, cid - 1, 1, 2, False, 0))
            else:
                has_reply = position % 3 == 1 and position + 1 < count
                xtd.append((cid, cid, cid, 0, 1, False, int(has_reply)))
            own.append((cid, *MODERATION, html))
        return {
            "django_comments": (("id", "object_pk", "user_name", "user_email", "user_url",
                                 "comment", "submit_date", "ip_address", "is_public",
                                 "is_removed", "content_type_id", "site_id", "user_id"), base),
            "django_comments_xtd_xtdcomment": (("comment_ptr_id", "thread_id", "parent_id",
                                                "level", "order", "followup", "nested_count"),
                                               xtd),
            "insidan_comments_comment": (("xtdcomment_ptr_id", *MODERATION_COLUMNS,
                                          "comment_html"), own),
        }

    # --- reports and notifications --------------------------------------------------------

    def report_cases(self, start: int, stop: int) -> Chunk:
        p, ct = self.plan, self.ids["ct"]
        cases, reports = [], []
        open_cases = max(5, p.report_cases // 20)
        for c in range(start, stop):
            j = (c * (p.posts // p.report_cases)) % p.posts
            d = p.discussion_of_post(j)
            forum = p.forum_of_discussion(d)
            author = 4 + (j * 31) % (p.users - 3)
            opened = p.at(c, p.report_cases)
            is_open = c < open_cases
            decided = (None, "", "", None) if is_open else (
                EDITOR_ID, "keep", "Bedömt som godtagbart.", opened + timedelta(days=1))
            cases.append((c + 1, str(j + 1), f"Inlägg av {username(author)} i "
                          f"”{discussion_title(d)}”", f"/forum/{p.forum_slug(forum)}/{d + 1}/"
                          f"#inlagg-{j + 1}", str(forum), "open" if is_open else "decided",
                          c % 10 == 0, False, opened, decided[1], decided[2], decided[3], "",
                          author, ct["forum"], ct["post"], decided[0]))
            for k in range(1 + c % 2):
                reports.append((("defamation", "other")[k], "Olämplig ton.", opened, is_open,
                                False, 4 + (c * 7 + k * 11) % (p.users - 3), c + 1))
        return {
            "moderation_reportcase": (("id", "object_id", "item_label", "item_url",
                                       "channel_id", "state", "is_urgent", "hidden_by_owner",
                                       "opened_at", "decision", "reason", "decided_at",
                                       "lawyer", "author_id", "channel_type_id",
                                       "content_type_id", "decided_by_id"), cases),
            "moderation_report": (("category", "text", "created_at", "is_open",
                                   "contains_personal_data", "reporter_id", "case_id"),
                                  reports),
        }

    @cached_property
    def first_post_of_discussion(self) -> list[int]:
        first = [-1] * self.plan.discussions
        for j in range(self.plan.posts):
            d = self.plan.discussion_of_post(j)
            if first[d] < 0:
                first[d] = j
        return first

    def notifications(self, start: int, stop: int) -> Chunk:
        p, ct = self.plan, self.ids["ct"]
        rows = []
        for n in range(start, stop):
            if n < BENCH_NOTIFICATIONS:
                # Posts in open forums: the employee may see every one of them.
                d = ((n // p.open_forums) * p.forums + n % p.open_forums) % p.discussions
                if p.forum_of_discussion(d) > p.open_forums:
                    d = 0
                recipient, j = EMPLOYEE_ID, self.first_post_of_discussion[d] + n % 3
                j = j if p.discussion_of_post(j) == d else self.first_post_of_discussion[d]
            else:
                recipient, j = 4 + (n * 7) % (p.users - 3), (n * 13) % p.posts
                d = p.discussion_of_post(j)
            slug = p.forum_slug(p.forum_of_discussion(d))
            url = f"/forum/{slug}/{d + 1}/#inlagg-{j + 1}"
            author = 4 + (j * 31) % (p.users - 3)
            rows.append(("info", n % 3 == 0, str(author), "new_post_followed",
                         f"Nytt inlägg i ”{discussion_title(d)}”.", str(j + 1), None,
                         p.at(n, p.notifications), True, None, ct["user"], recipient,
                         ct["post"], False, False, json.dumps({"url": url})))
        return {"notifications_notification": (
            ("level", "unread", "actor_object_id", "verb", "description", "target_object_id",
             "action_object_object_id", "timestamp", "public", "action_object_content_type_id",
             "actor_content_type_id", "recipient_id", "target_content_type_id", "deleted",
             "emailed", "data"), rows)}


PAGE_COLUMNS = ("id", "path", "depth", "numchild", "title", "slug", "live",
                "has_unpublished_changes", "url_path", "seo_title", "show_in_menus",
                "search_description", "go_live_at", "expire_at", "expired", "content_type_id",
                "owner_id", "locked", "latest_revision_created_at", "first_published_at",
                "live_revision_id", "last_published_at", "draft_title", "locked_at",
                "locked_by_id", "translation_key", "locale_id", "alias_of_id",
                "latest_revision_id")


def positions(total: int, target_of) -> list[tuple[int, int, int]]:
    """(target, position within the target, comments on the target) for each comment."""
    targets = [target_of(i) for i in range(total)]
    counts: dict[int, int] = {}
    placed = []
    for t in targets:
        placed.append((t, counts.get(t, 0)))
        counts[t] = counts.get(t, 0) + 1
    return [(t, pos, counts[t]) for t, pos in placed]
