"""What the Wagtail admin's rich text editor (Draftail) posts, for tests that fill in admin
forms with the test client."""

import json


def draftail(text: str, link: str | None = None) -> str:
    """One paragraph of `text`, the whole of it a link to `link` if given."""
    entity_ranges, entity_map = [], {}
    if link:
        entity_ranges = [{"offset": 0, "length": len(text), "key": 0}]
        entity_map = {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link}}}
    return json.dumps({"blocks": [{"key": "a", "type": "unstyled", "text": text, "depth": 0,
                                   "inlineStyleRanges": [], "entityRanges": entity_ranges}],
                       "entityMap": entity_map})
