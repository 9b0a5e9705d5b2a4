"""A kind that cannot be searched is left out of search; this check says why, so that the app
that owns the model can add what is missing."""

from django.core import checks
from modelsearch.index import class_is_indexed

from .registry import all_searchables


@checks.register(checks.Tags.models)
def check_searchable_kinds(app_configs, **kwargs):
    """Warn about indexed models that are registered but cannot be filtered by visibility.
    Models that are not indexed yet (kinds still being built) are left out silently."""
    return [
        checks.Warning(
            f"Search leaves out “{searchable.key}”: {searchable.problem}.",
            hint="Declare the filter fields in the model's search_fields (no migration needed).",
            obj=searchable.model,
            id="search.W001",
        )
        for searchable in all_searchables()
        if class_is_indexed(searchable.model) and searchable.problem
    ]
