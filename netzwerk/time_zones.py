"""The time zones offered in the preferences: current Area/City names, no old aliases.

`zoneinfo.available_timezones()` also holds every backward-compatible alias ("US/Eastern",
"Asia/Calcutta", "Europe/Kiev", "GMT+0"); zone.tab, which ships with the tz database, names
each current zone once. A stored alias stays valid (the model accepts every name zoneinfo
knows), it is just not offered again.
"""

import functools
import importlib.resources
import re
import zoneinfo
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What zone.tab would hold, when no copy of it is found: Area/City names of the regions.
_AREA_CITY = re.compile(
    r"^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Z]"
)


@functools.cache
def known_time_zones() -> frozenset[str]:
    """Every name zoneinfo can load. It walks the tz database's folder (14 ms here), and the
    model's choices ask on every validation and form, so it is read once per process."""
    return frozenset(zoneinfo.available_timezones())


def _zone_tab() -> str:
    try:
        return importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text()
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.exists():
            return path.read_text()
    return ""


@functools.cache
def current_time_zones() -> tuple[str, ...]:
    """Every current zone once, sorted, with UTC; only names zoneinfo can load."""
    known = known_time_zones()
    rows = (line.split("\t") for line in _zone_tab().splitlines() if not line.startswith("#"))
    listed = {row[2].strip() for row in rows if len(row) >= 3}
    if not listed:
        listed = {name for name in known if _AREA_CITY.match(name)}
    return tuple(sorted((listed | {"UTC"}) & known))


def time_zone_label(name: str) -> str:
    """ "America/Argentina/Buenos_Aires" reads "Buenos Aires (America/Argentina)"."""
    area, _slash, city = name.rpartition("/")
    return f"{city.replace('_', ' ')} ({area.replace('_', ' ')})" if area else name


def find_time_zone(text: str) -> str:
    """The zone meant by what was typed: a name zoneinfo knows (an old alias that is stored
    already, or comes back from a backup, stays valid), a current zone's name in any case
    with spaces for underscores, or just its city ("berlin"). Raises ValidationError
    otherwise."""
    typed = "_".join(text.split())
    if not typed:
        raise ValidationError(_("Please choose a time zone."), code="required")
    if typed in known_time_zones():
        return typed
    by_folded = {name.casefold(): name for name in current_time_zones()}
    if typed.casefold() in by_folded:
        return by_folded[typed.casefold()]
    cities = {}
    for name in current_time_zones():
        cities.setdefault(name.rpartition("/")[2].casefold(), []).append(name)
    if len(cities.get(typed.casefold(), [])) == 1:
        return cities[typed.casefold()][0]
    raise ValidationError(
        _("“%(value)s” is not a time zone we know. Type a city, e.g. “Berlin”, and pick it."),
        params={"value": text[:60]},
        code="invalid",
    )
