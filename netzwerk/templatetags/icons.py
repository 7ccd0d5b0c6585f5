"""Functional icons as inline SVG: emoji and CJK characters such as "＋" need fonts a stock
Linux phone or desktop does not have, and show there as empty boxes.

`{% icon "plus" %}` draws a 24×24 stroke icon in the text colour, hidden from screen readers
(the text or aria-label beside it names the action). Unknown names draw a small dot, so a new
kind of thing never breaks a page.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

DOT = '<circle cx="12" cy="12" r="4" fill="currentColor" stroke="none"/>'
PATHS = {
    "plus": '<path d="M12 5v14M5 12h14"/>',
    "edit": '<path d="M4 20h4L19 9l-4-4L4 16z"/><path d="M13 7l4 4"/>',
    "pin": '<path d="M12 21s-6-6-6-11a6 6 0 0 1 12 0c0 5-6 11-6 11z"/>'
    '<circle cx="12" cy="10" r="2"/>',
    "calendar": '<rect x="3" y="5" width="18" height="16" rx="2"/>'
    '<path d="M3 10h18M8 3v4M16 3v4"/>',
    "bell": '<path d="M6 17v-6a6 6 0 0 1 12 0v6l2 2H4z"/><path d="M10 21h4"/>',
    "check": '<path d="M5 12l5 5L19 7"/>',
    "close": '<path d="M6 6l12 12M18 6L6 18"/>',
    "search": '<circle cx="11" cy="11" r="7"/><path d="M16 16l5 5"/>',
    "clock": '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 3"/>',
    "people": '<circle cx="9" cy="8" r="3"/><path d="M3 20c0-3 3-5 6-5s6 2 6 5"/>'
    '<circle cx="17" cy="9" r="2.5"/><path d="M16 15c3 0 5 2 5 5"/>',
    "lunch": '<path d="M5 3v5a2 2 0 0 0 4 0V3M7 10v11M17 21V3c-2 0-3 2-3 6v3h3"/>',
    "reply": '<path d="M9 14L4 9l5-5"/><path d="M4 9h10a6 6 0 0 1 6 6v3"/>',
    "tag": '<path d="M3 12V3h9l9 9-9 9z"/><circle cx="7.5" cy="7.5" r="1.5"/>',
    "target": '<circle cx="12" cy="12" r="9"/><circle cx="12" cy="12" r="5"/>'
    '<circle cx="12" cy="12" r="1"/>',
    "settings": '<path d="M4 7h10M18 7h2M4 17h4M12 17h8"/><circle cx="16" cy="7" r="2"/>'
    '<circle cx="10" cy="17" r="2"/>',
    "cake": '<path d="M4 21h16v-8H4z"/><path d="M4 17c3 1.5 5-1.5 8 0s5 1.5 8 0M12 13V9M12 5v1"/>',
    "repeat": '<path d="M17 3l3 3-3 3M4 11V9a3 3 0 0 1 3-3h13M7 21l-3-3 3-3M20 13v2a3 3 0 0 1-3 '
    '3H4"/>',
    "phone": '<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 '
    '3 6a2 2 0 0 1 2-2"/>',
    "mail": '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>',
    "clipboard": '<rect x="6" y="4" width="12" height="17" rx="2"/>'
    '<path d="M9 4V3h6v1M9 10h6M9 14h6"/>',
    "trash": '<path d="M4 7h16M9 7V4h6v3M6 7l1 14h10l1-14"/>',
    "archive": '<rect x="3" y="4" width="18" height="4" rx="1"/><path d="M5 8v12h14V8M10 12h4"/>',
    "hourglass": '<path d="M6 3h12M6 21h12M7 3c0 6 10 6 10 9s-10 3-10 9M17 3c0 6-10 6-10 9s10 3 '
    '10 9"/>',
    "skip": '<path d="M5 5l10 7-10 7z"/><path d="M19 5v14"/>',
    "chat": '<path d="M4 5h16v11H9l-5 4z"/>',
    "link": '<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1"/>'
    '<path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/>',
    "star": '<path d="M12 3l2.7 5.6 6.3.9-4.5 4.4 1 6.1L12 17l-5.5 3 1-6.1L3 9.5l6.3-.9z"/>',
    "coffee": '<path d="M4 9h12v5a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5z"/><path d="M16 10h2a2 2 0 0 1 0 '
    '4h-2M8 3v3M12 3v3"/>',
    "mic": '<rect x="9" y="3" width="6" height="11" rx="3"/>'
    '<path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>',
    "bulb": '<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-4 10.5c1 1 1 2 1 2.5h6c0-.5 0-1.5 1-2.5A6 6 0 '
    '0 0 12 3z"/>',
    "question": '<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 '
    '.9-1 1.7M12 17v.5"/>',
    "gift": '<rect x="4" y="10" width="16" height="11"/>'
    '<path d="M3 7h18v3H3zM12 7v14M12 7c-2-4-6-4-6 '
    '0M12 7c2-4 6-4 6 0"/>',
    "arrow": '<path d="M5 12h14M13 6l6 6-6 6"/>',
    "dot": DOT,
    "sort": '<path d="M4 6h16M4 12h10M4 18h5"/>',
    "more": '<circle cx="5" cy="12" r="1.5"/><circle cx="12" cy="12" r="1.5"/>'
    '<circle cx="19" cy="12" r="1.5"/>',
    "no-phone": '<rect x="7" y="3" width="10" height="18" rx="2"/><path d="M4 4l16 16"/>',
}
# The kinds and categories the models name, drawn with the icons above.
ALIASES = {
    "kind-coffee": "coffee",
    "kind-lunch": "lunch",
    "kind-call": "phone",
    "kind-message": "mail",
    "kind-meeting": "people",
    "kind-event": "mic",
    "kind-other": "dot",
    "help-knowledge": "bulb",
    "help-referral": "mail",
    "help-question": "question",
    "help-introduction": "link",
    "help-recommendation": "star",
    "help-other": "gift",
    "nudge-birthday": "cake",
    "nudge-date": "calendar",
    "nudge-followup": "reply",
    "nudge-touch": "chat",
    "nudge-lunchweek": "lunch",
    "nudge-lunchday": "lunch",
    "nudge-review": "target",
}


@register.simple_tag
def icon(name: str, css: str = "") -> SafeString:
    paths = PATHS.get(ALIASES.get(str(name), str(name)), DOT)
    return format_html(
        '<svg class="icon{}" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" '
        'focusable="false" fill="none" stroke="currentColor" stroke-width="2" '
        'stroke-linecap="round" stroke-linejoin="round">{}</svg>',
        f" {css}" if css else "",
        mark_safe(paths),  # noqa: S308 - the constant paths above, never user input
    )
