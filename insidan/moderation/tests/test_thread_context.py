"""The case page's "Sammanhang" reads as Swedish labels and words, never the archive's keys and
Python values (people saw `discussion_id 51`, `quoted_post_id None`, `moderator_note False`)."""

from django.utils import translation

from insidan.moderation.thread_context import context_rows


def test_a_forum_posts_context_is_labelled_and_its_ids_are_left_out():
    with translation.override("sv"):
        rows = context_rows({"forum": "it-fragor", "discussion_id": 51,
                             "discussion_title": "Skrivaren på plan 3", "quoted_post_id": None,
                             "moderator_note": False})
    assert rows == [("Diskussion", "Skrivaren på plan 3"),
                    ("Citerar ett annat inlägg", "Nej"), ("Moderatorns anteckning", "Nej")]


def test_values_are_written_for_people():
    with translation.override("sv"):
        rows = dict(context_rows({"has_photo": True, "writers": ["erik", "anna"], "size": 2048,
                                  "date": "2026-12-04", "parent_comment_id": 7,
                                  "on": "forums.post:12", "level": 1, "manager": None}))
    assert rows == {"Har foto": "Ja", "Skribenter": "erik, anna", "Storlek": "2,0\xa0kB",
                    "Datum": "4 december 2026", "Svar på en annan kommentar": "Ja",
                    "Chef": "–"}


def test_no_context_no_rows():
    assert context_rows(None) == [] and context_rows({"on": "blogs.blogpostpage:3"}) == []
