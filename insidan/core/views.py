from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from insidan.security.idempotency import TOKEN_FIELD, submit_once

from .actions import accept_terms
from .models import ChannelKind
from .terms import current_terms, has_accepted_current


@require_http_methods(["GET", "POST"])
def terms_view(request, kind: str):
    """Read and accept the current terms for one kind of channel."""
    if kind not in ChannelKind.values:
        raise Http404
    terms = current_terms(kind)
    if terms is None:
        raise Http404
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = "/"
    if request.method == "POST":
        if request.POST.get("accept") != "yes":
            messages.error(request, _("Kryssa i att du har läst och godkänner villkoren."))
        else:
            accept_terms(actor=request.user, terms=terms)
            messages.success(request, _("Tack, du har godkänt villkoren."))
            return redirect(next_url)
    return render(
        request,
        "core/terms.html",
        {
            "terms": terms,
            "accepted": has_accepted_current(request.user, kind),
            "next": next_url,
        },
    )


def channel_request_view(request, *, kind: str, form_class, request_action, done_url: str,
                         heading: str, intro: str):
    """The request form for a new forum or blog (the guideline: the owner contacts
    Webbredaktionen, which sets it up). `request_action` is the app's action."""
    terms = current_terms(kind)
    manager = getattr(getattr(request.user, "profile", None), "manager", None)
    form = form_class(initial={"approved_by": manager.username if manager else ""})
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submit_once(  # a second click sends the person to the same thank-you
                    user=request.user, token=data.get(TOKEN_FIELD),
                    perform=lambda: request_action(
                        actor=request.user, name=data["name"], purpose=data["purpose"],
                        target_group=data["target_group"], watched_hours=data["watched_hours"],
                        approved_by=data["approved_by"], terms=terms),
                    url_of=lambda _request: resolve_url(done_url),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Tack! Webbredaktionen har fått din begäran och "
                                            "hör av sig."))
                return redirect(done_url)
    return render(request, "core/request_channel.html", {
        "form": form, "terms": terms, "heading": heading, "intro": intro})
