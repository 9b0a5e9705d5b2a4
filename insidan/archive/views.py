"""Thin views for registration: look the item up through the visibility rule, call the action,
render. Something the user may not see answers 404, like something that does not exist."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from insidan.core import visibility

from . import downloads
from .actions import register_item
from .forms import RegistrationForm
from .models import Registration
from .permissions import can_register, can_view_registration
from .selectors import content_models, item_for, registration_for


def access_item(user, object_type: str, object_id: str) -> Model:
    """A content item the user may see, by "app.model" and primary key; 404 otherwise."""
    labels = {m._meta.label_lower for m in content_models() if hasattr(m, "archive_description")}
    if object_type not in labels:
        raise Http404
    item = item_for(object_type, object_id)
    if item is None or not visibility.can_view(user, item):
        raise Http404
    return item


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@require_http_methods(["GET", "POST"])
def register(request, object_type: str, object_id: str):
    item = access_item(request.user, object_type, object_id)
    if not can_register(request.user, item):
        raise PermissionDenied(_("Endast kanalens ägare och ställföreträdare och "
                                 "webbredaktionen kan registrera innehåll."))
    existing = registration_for(item)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            registration = register_item(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Registrerad med diarienummer %(number)s.")
                             % {"number": registration.diarienummer})
            return redirect(item.get_absolute_url())
    return render(request, "archive/register.html", {
        "item": item, "label": item.archive_description().label, "form": form,
        "registration": existing,
    })


@require_GET
def registration_export(request, uuid, fmt: str):
    """The export to hand to the records system: for the archive's readers and the channel's
    owners and deputies."""
    registration = get_object_or_404(Registration, uuid=uuid)
    item = item_for(registration.object_type, registration.object_id)
    if not can_view_registration(request.user, registration, item):
        raise Http404
    return downloads.registration_download(request.user, registration, fmt)
