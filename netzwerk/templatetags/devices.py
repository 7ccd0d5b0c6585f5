"""A browser's user-agent string as a person says it: "Mobile Safari on iPhone (iOS)"."""

from django import template
from django.utils.translation import gettext as _
from ua_parser import parse

register = template.Library()


@register.filter
def device_name(user_agent: str | None) -> str:
    if not user_agent:
        return _("Unknown device")
    found = parse(user_agent[:1000])
    # The parser says "Other" for what it does not know.
    browser, system, device = (
        part.family if part and part.family != "Other" else ""
        for part in (found.user_agent, found.os, found.device)
    )
    where = " ".join(
        part for part in (device, f"({system})" if device and system else system) if part
    )
    if browser and where:
        return _("%(browser)s on %(device)s") % {"browser": browser, "device": where}
    return browser or where or user_agent[:60]
