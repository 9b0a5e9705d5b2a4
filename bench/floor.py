"""The floor: a logged-in view doing one indexed query and rendering a tiny template.

Every benchmark figure is also given as a ratio to this view's, measured in the same run,
because absolute times depend on the machine. The template is rendered with a plain Template
(no context processors) so that the floor is the framework's own cost: sessions,
authentication, one query by a unique index, a response.
"""

from django.http import HttpResponse
from django.template import Context, Template

from profiles.models import Profile

_TEMPLATE = Template(
    '<!doctype html><html lang="sv"><head><title>Golv</title></head>'
    "<body><p>{{ username }}: {{ title }}</p></body></html>"
)


def floor_view(request):
    title = Profile.objects.filter(user_id=request.user.pk).values_list("title", flat=True).first()
    html = _TEMPLATE.render(Context({"username": request.user.get_username(), "title": title}))
    return HttpResponse(html)
