from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from insidan.core.visibility import can_view, registered_models
from insidan.security.idempotency import TOKEN_FIELD, submit_once

from . import drafts
from .actions import post_comment
from .forms import CommentForm
from .models import Comment


def _target(content_type_id: int, pk: str):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    if model not in registered_models() or model is Comment:
        raise Http404
    return model.objects.filter(pk=pk).first()


@require_POST
def comment(request, content_type_id: int, pk: str):
    """Post a comment or a reply; answers 404 for anything the user may not see. A refused
    comment comes back in the thread's form with its text and the reason next to the field
    (kept as a draft in the session across the redirect; see drafts.py). The redirect has no
    #anchor: browsers skip `autofocus` when the address names an element, and the field's
    autofocus both focuses it and scrolls it into view."""
    target = _target(content_type_id, pk)
    if target is None or not can_view(request.user, target):
        raise Http404
    form = CommentForm(request.POST)
    if not form.is_valid():
        drafts.keep(request, target, request.POST)
        return redirect(target.get_absolute_url())
    parent = None
    if form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"]).first()
    try:
        submission = submit_once(
            user=request.user, token=form.cleaned_data.get(TOKEN_FIELD),
            perform=lambda: post_comment(actor=request.user, target=target,
                                         text=form.cleaned_data["text"], parent=parent),
            url_of=lambda created: created.get_absolute_url(),
        )
    except (PermissionDenied, ValidationError) as error:
        drafts.keep(request, target, request.POST,
                    errors=list(getattr(error, "messages", [str(error)])))
        return redirect(target.get_absolute_url())
    return redirect(submission.url)
