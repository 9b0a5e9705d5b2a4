"""The admin answers the same for an object a person may not see as for one that does not
exist.

Wagtail's generic object views (inspect, history, usage, edit, delete) look the object up in
`setup()` and check the permission afterwards, in `dispatch()`: a person without the
permission got "not found" (404) for an id that does not exist and "no access" for one that
does, so they could find out which archive records, registrations or terms exist by trying
ids. Here the permission is checked first, so every id gets the admin's permission-denied
answer (the redirect to the dashboard with its message). No policy in this project grants
anything per object (archive readers read every record; Webbredaktionen decides every
request), so "may not see this object" is "lacks the permission", and a person who has it
gets 404 only for ids that do not exist.
"""

from functools import cache

from django.core.exceptions import PermissionDenied
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin


class PermissionBeforeLookupMixin:
    """For a PermissionCheckedMixin view: the view's own permission check, before the object
    is looked up."""

    def get_object(self, *args, **kwargs):
        required, any_required = self.permission_required, self.any_permission_required
        if required is not None and not self.user_has_permission(required):
            raise PermissionDenied
        if any_required is not None and not self.user_has_any_permission(any_required):
            raise PermissionDenied
        return super().get_object(*args, **kwargs)


@cache
def permission_before_lookup(view_class: type) -> type:
    """`view_class` with the permission checked before the object is looked up."""
    if (not issubclass(view_class, PermissionCheckedMixin)
            or issubclass(view_class, PermissionBeforeLookupMixin)
            or not hasattr(view_class, "get_object")):
        return view_class
    return type(view_class.__name__, (PermissionBeforeLookupMixin, view_class),
                {"__module__": view_class.__module__})


class PermissionBeforeLookupViewSetMixin:
    """Put first in a ModelViewSet's bases: every object view it builds checks the permission
    before looking the object up."""

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(permission_before_lookup(view_class), **kwargs)


def require_webbredaktionen_before_lookup(user) -> None:
    """For a function view that only Webbredaktionen may open: call before looking the
    object up, for the same reason as above."""
    from insidan.core.permissions import is_webbredaktionen

    if not is_webbredaktionen(user):
        raise PermissionDenied
