from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

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
