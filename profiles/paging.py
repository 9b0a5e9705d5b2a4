"""A page of a queryset and the number of all its rows from one query."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window


def page_with_total(queryset: QuerySet, per_page: int, number) -> Page:
    """Like Paginator(queryset, per_page).get_page(number), with the total read by the
    page's own query (COUNT(*) OVER ()) instead of a count query first: for a list that is
    sorted as a whole anyway (the people finder), the count was a second pass over the same
    rows. A number past the end or below 1 gives the last page, anything not a number the
    first, as get_page does."""
    paginator = Paginator(queryset, per_page)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    if number < 1:  # the paginator's answer: the last page
        return paginator.get_page(number)
    counted = queryset.annotate(rows_in_all=Window(Count("pk")))
    start = (number - 1) * per_page
    rows = list(counted[start:start + per_page])
    if rows:
        paginator.count = rows[0].rows_in_all
    elif number > 1:  # past the end
        return paginator.get_page(number)
    else:
        paginator.count = 0
    return Page(rows, number, paginator)
