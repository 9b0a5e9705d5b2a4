from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def search_url(query: str, kind_key: str = "", page=1) -> str:
    """/sok/?q=…&typ=…&sida=… with the empty parts left out (escaped by the template)."""
    params = {"q": query}
    if kind_key:
        params["typ"] = kind_key
    if str(page) not in ("", "1"):
        params["sida"] = page
    return f"{reverse('search')}?{urlencode(params)}"


@register.filter
def grouped(number) -> str:
    """A count with the language's thousands separator ("1 000" in Swedish)."""
    from django.utils.formats import number_format

    return number_format(number, force_grouping=True)
