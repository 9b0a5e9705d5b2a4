"""How big the data set is, and where each row goes.

Everything is a pure function of the row's index and the scale, so that a chunk of rows is the
same on every run (the load is resumable chunk by chunk) and the benchmark knows which objects
to measure without searching for them: discussion 1 has exactly 50 posts, blog post 0 has
exactly 100 comments, the bench employee is a member of three closed rooms and has 5,000
notifications.
"""

import math
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

# The data set (BENCH_SCALE=1.0).
FULL = {
    "users": 20_000,
    "rooms": 1_000,
    "open_forums": 300,
    "discussions": 50_000,
    "posts": 500_000,
    "blogs": 200,
    "blog_posts": 20_000,
    "blog_comments": 100_000,
    "status_updates": 200_000,
    "status_comments": 200_000,
    "report_cases": 5_000,
    "notifications": 1_000_000,
}
# Never below these, so that every measured object exists at any scale.
MINIMUM = {
    "users": 60, "rooms": 10, "open_forums": 3, "discussions": 10, "posts": 120, "blogs": 2,
    "blog_posts": 4, "blog_comments": 110, "status_updates": 30, "status_comments": 30,
    "report_cases": 10, "notifications": 150,
}
MEMBERS_PER_ROOM = 30
SKILLS = 300
SKILLS_PER_PROFILE = 3
DEPARTMENTS = 40
FOLLOWS_PER_USER = 5
DISCUSSION_POSTS = 50  # the measured discussion
POST_COMMENTS = 100  # the measured blog post
BENCH_NOTIFICATIONS = 5_000  # the measured /notiser/ user
BENCH_ROOMS = 10  # the bench employee belongs to rooms 1..10; rooms 1..3 are closed

# User ids: 1 is Webbredaktionen's editor, 2 the measured employee, 3 the measured profile.
EDITOR_ID, EMPLOYEE_ID, PROFILE_ID = 1, 2, 3
BLOG_POST_PAGE_ID_BASE = 100_000
EPOCH = datetime(2016, 1, 1, tzinfo=UTC)
TEN_YEARS = timedelta(days=3652)
# Kept apart from the ordinary words so that the rare search finds a handful of rows.
RARE_WORD = "kvarngärdesbron"


@dataclass(frozen=True)
class Plan:
    scale: float
    counts: dict[str, int]

    def __getattr__(self, name: str) -> int:
        try:
            return self.counts[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def forums(self) -> int:
        return self.open_forums + self.rooms

    def at(self, index: int, total: int) -> datetime:
        """Ten years of activity, in index order."""
        return EPOCH + TEN_YEARS * (index / max(total, 1))

    # --- rooms ----------------------------------------------------------------------------

    def room_is_closed(self, room_id: int) -> bool:
        return (room_id - 1) % 10 < 3

    def room_owner(self, room_id: int) -> int:
        return 4 + (room_id * 17) % (self.users - 3)

    def room_members(self, room_id: int) -> list[int]:
        members = {self.room_owner(room_id)}
        size = min(MEMBERS_PER_ROOM, self.users - 3)
        step = max(1, (self.users - 3) // size)
        for k in range(size * 2):
            if len(members) >= size:
                break
            members.add(4 + (room_id * 29 + k * step + k) % (self.users - 3))
        if room_id <= BENCH_ROOMS:
            members.add(EMPLOYEE_ID)
        return sorted(members)

    # --- forums and discussions -----------------------------------------------------------

    def forum_of_discussion(self, index: int) -> int:
        """Forum ids 1..open_forums are open; open_forums + r is room r's forum. Discussion
        0 (the measured one, id 1) is in forum 1."""
        return index % self.forums + 1

    def discussion_of_post(self, index: int) -> int:
        """Posts are contiguous per discussion; the first 50 are discussion 0's."""
        if index < DISCUSSION_POSTS:
            return 0
        rest = self.posts - DISCUSSION_POSTS
        return 1 + ((index - DISCUSSION_POSTS) * (self.discussions - 1)) // rest

    def forum_slug(self, forum_id: int) -> str:
        if forum_id <= self.open_forums:
            return f"forum-{forum_id}"
        return f"rum-{forum_id - self.open_forums}-diskussioner"

    # --- blogs ----------------------------------------------------------------------------

    def blog_of_post(self, index: int) -> int:
        return index % self.blogs

    def target_of_blog_comment(self, index: int) -> int:
        if index < POST_COMMENTS:
            return 0
        rest = self.blog_comments - POST_COMMENTS
        return 1 + ((index - POST_COMMENTS) * (self.blog_posts - 1)) // rest

    def target_of_status_comment(self, index: int) -> int:
        return (index * self.status_updates) // self.status_comments

    def status_author(self, index: int) -> int:
        return index % self.users + 1


def scaled(scale: float) -> Plan:
    counts = {name: max(MINIMUM[name], math.ceil(full * scale)) for name, full in FULL.items()}
    return Plan(scale=scale, counts=counts)


def from_environment() -> Plan:
    return scaled(float(os.environ.get("BENCH_SCALE", "1.0")))
