"""The floor: a logged-in view doing one indexed query and rendering a tiny template.

Every benchmark figure is also given as a ratio to this view's, measured in the same run,
because absolute times depend on the machine. The template is rendered with a plain Template
(no context processors) so that the floor is the framework's own cost: sessions,
authentication, one query by a unique index, a response.
"""

import functools

from django.http import HttpResponse
from django.template import Context, Template, engines

from profiles.models import Profile

_TEMPLATE = Template(
    '<!doctype html><html lang="sv"><head><title>Golv</title></head>'
    "<body><p>{{ username }}: {{ title }}</p></body></html>"
)


def floor_view(request):
    title = Profile.objects.filter(user_id=request.user.pk).values_list("title", flat=True).first()
    html = _TEMPLATE.render(Context({"username": request.user.get_username(), "title": title}))
    return HttpResponse(html)


def layout_view(request):
    """The second floor: the same query, rendered in the site's base layout (base.html with
    every context processor: navigation, the bell's unread count, the footer and its forms)
    around a one-line page. The difference between the two floors is what every real page
    pays before its own content; bench/RESULTS.md gives each view against both."""
    title = Profile.objects.filter(user_id=request.user.pk).values_list("title", flat=True).first()
    return HttpResponse(_layout().render({"title": title}, request))


@functools.cache
def _layout():
    return engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}Golv{% endblock %}'
        "{% block content %}<h1>Golv</h1><p>{{ user.get_username }}: {{ title }}</p>"
        "{% endblock %}")
