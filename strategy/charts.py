"""Numbers shaped for the small server-rendered charts (inline SVG, no script, no CDN).

Every chart also carries its numbers as text: the templates print them beside the bars and
in the SVG's title, so the picture is an addition, never the only way to read them.
"""

import dataclasses
import datetime

from django.utils.formats import date_format
from django.utils.translation import pgettext


@dataclasses.dataclass
class Bar:
    label: str
    value: int
    percent: int  # of the biggest bar (or of the given maximum), 0–100
    extra: str = ""


def bars(items: list[tuple[str, int]], maximum: int | None = None) -> list[Bar]:
    """Horizontal bars: each value as a share of the biggest (or of `maximum`)."""
    top = maximum if maximum is not None else max((value for _label, value in items), default=0)
    return [
        Bar(label=label, value=value, percent=round(100 * value / top) if top else 0)
        for label, value in items
    ]


@dataclasses.dataclass
class Column:
    label: str
    value: int
    x: float
    y: float
    height: float
    title: str = ""  # the label in full, for the chart's text (the axis may shorten it)


COLUMN_CHART_HEIGHT = 40
COLUMN_WIDTH = 14
COLUMN_GAP = 6


def columns(
    items: list[tuple[str, int]], target: int | None = None, titles: list[str] | None = None
) -> dict:
    """Columns for an SVG with viewBox 0 0 width 40; the target, if any, as a line. `titles`
    name the columns in full where the axis labels are short."""
    top = max([value for _label, value in items] + [target or 0, 1])
    titles = titles or [label for label, _value in items]
    result = []
    for index, ((label, value), title) in enumerate(zip(items, titles, strict=True)):
        height = COLUMN_CHART_HEIGHT * value / top
        result.append(
            Column(
                label=label,
                value=value,
                x=index * (COLUMN_WIDTH + COLUMN_GAP),
                y=COLUMN_CHART_HEIGHT - height,
                height=height,
                title=title,
            )
        )
    width = max(len(items) * (COLUMN_WIDTH + COLUMN_GAP) - COLUMN_GAP, 1)
    target_y = COLUMN_CHART_HEIGHT - COLUMN_CHART_HEIGHT * target / top if target else None
    return {
        "columns": result,
        "width": width,
        "height": COLUMN_CHART_HEIGHT,
        "target_y": target_y,
        "summary": ", ".join(f"{c.title}: {c.value}" for c in result),
    }


def month_starts(today: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the last `count` months, oldest first, this month last."""
    starts = []
    year, month = today.year, today.month
    for _ in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def week_starts(today: datetime.date, count: int) -> list[datetime.date]:
    """The Mondays of the last `count` weeks, oldest first, this week last."""
    monday = today - datetime.timedelta(days=today.weekday())
    return [monday - datetime.timedelta(weeks=n) for n in range(count - 1, -1, -1)]


def week_labels(mondays: list[datetime.date]) -> tuple[list[str], list[str]]:
    """Axis labels for weeks named by their Monday, and their full dates for the chart's text.

    The month is shown where it changes (and on the first week), the day alone between: eight
    whole dates do not fit side by side in a card beside two others at the desk.
    """
    short, full, month = [], [], None
    for monday in mondays:
        if monday.month != month:
            form = pgettext("chart axis: a day with its month", "j M")
        else:
            form = pgettext("chart axis: a day in the month named before", "j")
        short.append(date_format(monday, form))
        full.append(date_format(monday, "MONTH_DAY_FORMAT"))
        month = monday.month
    return short, full
