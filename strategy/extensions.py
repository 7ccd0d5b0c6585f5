"""Named places where an app above strategy adds to strategy's pages.

strategy imports contacts but never reminders (README, "How the code is arranged"). Where a
strategy page shows what a higher app owns, that app registers it here from its
AppConfig.ready():

- `overview_parts`: callables (user, today) -> dict whose results join the strategy
  overview's context (reminders: the lunches kept per week against the target).
"""

from collections.abc import Callable

overview_parts: list[Callable] = []


def add_to_overview(part: Callable) -> None:
    if part not in overview_parts:
        overview_parts.append(part)
