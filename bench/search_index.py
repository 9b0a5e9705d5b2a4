"""Search index rows for the loaded data, written by the configured backend's own `add_bulk` (what
`manage.py update_index` does), model by model and chunk by chunk, resumable like the load.

BENCH_INDEX_FRACTION (default 1.0) indexes only the first part of each model's rows (by id): a
smaller index makes the load faster and the search figures optimistic; RESULTS.md says which
fraction a run used.
"""

import math

from django.apps import apps
from wagtail.search.backends import get_search_backend
from wagtail.search.index import class_is_indexed

from . import loader

MODELS = [
    "collab.Room", "forums.Forum", "forums.Discussion", "forums.Post", "profiles.Profile",
    "profiles.StatusUpdate", "blogs.BlogPage", "blogs.BlogPostPage", "insidan_comments.Comment",
]


def index_all(fraction: float) -> None:
    backend = get_search_backend()
    for label in MODELS:
        model = apps.get_model(label)
        if not class_is_indexed(model):
            loader.say(f"  index {label}: not indexed by the project; skipped")
            continue
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        total = math.ceil(len(pks) * min(max(fraction, 0.0), 1.0))

        def build(start: int, stop: int, model=model, pks=pks) -> dict:
            objects = list(model.get_indexed_objects().filter(pk__in=pks[start:stop]))
            backend.add_bulk(model, objects)
            return {}

        loader.run_chunked(f"index_{label}", total, build, chunk_size=5_000)
