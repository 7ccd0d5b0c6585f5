"""What the phone's share sheet hands "new contact" (the web app manifest's share target):
a LinkedIn or Xing profile's URL, a page title, or a text with a name and maybe a URL."""

import re
from urllib.parse import unquote, urlsplit

from .forms.contact import LINK_PREFIX
from .normalise import channel_for_url, clean_url

_URL = re.compile(r"https?://\S+")
# " | LinkedIn", " - XING" and similar endings of a shared page's title.
_SITE_SUFFIX = re.compile(r"\s*[|\-–—:]\s*(linkedin|xing)\b.*$", re.IGNORECASE)
MAX_NAME_WORDS = 4
_NAME = re.compile(r"^[^\W\d_][\w.'’ -]{1,80}$")


def _name_from_url(url: str) -> str:
    """linkedin.com/in/anna-adler-1a2b3c and xing.com/profile/Anna_Adler2 name a person."""
    path = unquote(urlsplit(url).path).strip("/").split("/")
    if len(path) < 2 or path[0].lower() not in {"in", "profile"}:
        return ""
    # Xing appends a number to a taken name, LinkedIn an id with digits in it.
    words = [re.sub(r"\d+$", "", w) for w in re.split(r"[-_]", path[1])]
    words = [w for w in words if w and not any(ch.isdigit() for ch in w)]
    return " ".join(word.capitalize() for word in words)


def shared_initial(params) -> dict:
    """The new-contact form's initial values for what was shared; {} when nothing was."""
    title = params.get("title", "")[:300].strip()
    text = params.get("text", "")[:2000].strip()
    url = params.get("url", "")[:500].strip()
    if not url:
        found = _URL.search(text)
        url = found.group(0).rstrip(").,") if found else ""
    rest = _URL.sub("", text).strip()
    name = ""
    for candidate in (_SITE_SUFFIX.sub("", title), rest):
        if _NAME.match(candidate or "") and len(candidate.split()) <= MAX_NAME_WORDS:
            name = candidate.strip()
            break
    name = name or (_name_from_url(url) if url else "")
    initial: dict = {}
    if name:
        first, _space, last = name.rpartition(" ")
        initial.update({"first_name": first, "last_name": last} if first else {"first_name": last})
    if url:
        channel = channel_for_url(clean_url(url)) or "website"
        initial[LINK_PREFIX + channel] = clean_url(url)
    if rest and rest != name:
        initial["notes"] = rest
    return initial
