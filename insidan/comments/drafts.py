"""A refused comment's text, kept for the page the person is sent back to.

The comment form posts to its own URL and is redirected to the commented page (a blog post, a
status update, a document), which the comment view cannot render itself. So a refusal keeps
what was typed, the reply it belongs to and the reasons in the session, for that one target,
and the thread's form takes it back once: the text is in the field, the reason next to it,
and the field has the focus.
"""

from django.contrib.contenttypes.models import ContentType

from insidan.security.idempotency import TOKEN_FIELD

from .forms import CommentForm
from .models import COMMENT_MAX_LENGTH, Comment

FORM_ANCHOR = "kommentera"
_SESSION_KEY = "insidan.comment_draft"


def _target_key(target) -> str:
    return f"{ContentType.objects.get_for_model(target).pk}:{target.pk}"


def keep(request, target, data, errors: list[str] | None = None) -> None:
    """Keep the refused submission for the next showing of `target`'s thread. The text is
    bounded (a refused text of any length must not fill the session)."""
    request.session[_SESSION_KEY] = {
        "target": _target_key(target),
        "text": str(data.get("text", ""))[:COMMENT_MAX_LENGTH * 2],
        "parent": str(data.get("parent", ""))[:20],
        "token": str(data.get(TOKEN_FIELD, ""))[:40],  # sent again, it is still this one
        "confirm": bool(data.get(CommentForm.confirm_field_name)),
        "errors": [str(e) for e in (errors or [])][:10],
    }


def take(request, target) -> CommentForm | None:
    """The refused form for this target, bound and checked again (so the guard's reasons and
    the consent box come back as they were), or None. Taken once: a reload shows an empty
    form."""
    session = getattr(request, "session", None)
    draft = session.get(_SESSION_KEY) if session is not None else None
    if not draft or draft.get("target") != _target_key(target):
        return None
    del session[_SESSION_KEY]
    data = {"text": draft["text"], "parent": draft["parent"],
            TOKEN_FIELD: draft.get("token", "")}
    if draft["confirm"]:
        data[CommentForm.confirm_field_name] = "on"
    form = CommentForm(data)
    form.is_valid()
    for error in draft["errors"]:
        form.add_error("text", error)
    form.replying_to = None
    if draft["parent"].isdigit():
        form.replying_to = Comment.objects.filter(pk=int(draft["parent"])).first()
    return form
