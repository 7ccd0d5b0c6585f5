"""Pages without a total: previous / next over a queryset that reads one page (plus one row).

Django's Paginator counts every row to say "page 3 of 812"; on a list as long as the
network (everyone due for a call at 100,000 contacts) that COUNT is the request's biggest
cost. An open-ended page reads the page and one more row to know whether a next page exists.
partials/pager.html shows it as "Page 3" with the same links.
"""

from collections.abc import Sequence

from django.db.models import QuerySet

# Beyond this a page number is a typo or a probe, not someone paging: it shows the first page.
MAX_PAGE = 10_000


class OpenEndedPage(Sequence):
    paginator = None  # no total: the pager leaves out "of N"

    def __init__(self, rows: list, number: int, has_next: bool):
        self.object_list = rows
        self.number = number
        self._has_next = has_next

    def __getitem__(self, index):
        return self.object_list[index]

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def open_ended_page(rows: QuerySet, number, per_page: int) -> OpenEndedPage:
    """The page `number` (as given in the query string) of `rows`; the first page for a
    number that is not one, and the first page when the number lies past the end."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    if not 1 <= number <= MAX_PAGE:
        number = 1
    start = (number - 1) * per_page
    found = list(rows[start : start + per_page + 1])
    if not found and number > 1:
        return open_ended_page(rows, 1, per_page)
    return OpenEndedPage(found[:per_page], number, has_next=len(found) > per_page)
