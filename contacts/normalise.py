"""Keys that say two records name the same person, and the clean form of what they hold.

An email address, a phone number in E.164 and a profile URL identify a person however an
address book spelled them; a name key ignores case, accents, titles and word order. The
import preview and the duplicates page both match on these keys.
"""

import re
import unicodedata
from urllib.parse import unquote, urlsplit

import phonenumbers

from .models.choices import Channel
from .text import canonical

# Numbers written without a country code are read as German ones: the users are
# German-speaking freelancers, and their address books mostly hold national numbers.
DEFAULT_PHONE_REGION = "DE"

# Hosts of the profile channels Netzwerk keeps one link for. A host matches itself and
# its subdomains (de.linkedin.com, m.facebook.com).
CHANNEL_HOSTS = {
    "linkedin.com": Channel.LINKEDIN,
    "lnkd.in": Channel.LINKEDIN,
    "xing.com": Channel.XING,
    "researchgate.net": Channel.RESEARCHGATE,
    "facebook.com": Channel.FACEBOOK,
    "fb.com": Channel.FACEBOOK,
    "instagram.com": Channel.INSTAGRAM,
    "x.com": Channel.X,
    "twitter.com": Channel.X,
    "mastodon.social": Channel.MASTODON,
}

# Academic and professional titles written before or after a name ("Dr. Anna", "Müller,
# MBA"): part of how a person presents themselves, not of the name that identifies them.
TITLE_WORDS = frozenset(
    {
        "dr",
        "prof",
        "professor",
        "dipl",
        "ing",
        "mag",
        "med",
        "rer",
        "nat",
        "phil",
        "jur",
        "habil",
        "mba",
        "msc",
        "bsc",
        "ma",
        "ba",
        "phd",
        "llm",
        "ll",
        "m",
        "cfa",
        "cpa",
        "pmp",
    }
)


def email_key(email: str) -> str:
    return email.strip().lower()


def parse_phone(text: str, region: str = DEFAULT_PHONE_REGION):
    """The phone number in the text, or None when it is no possible number."""
    text = text.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def phone_key(text: str, region: str = DEFAULT_PHONE_REGION) -> str | None:
    """The number in E.164 (+4930123456), or None when it cannot be read as one."""
    number = parse_phone(text, region)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# What people write around the digits of a number: "+49 (0)30 / 123-45 67".
_PHONE_PUNCTUATION = re.compile(r"[\s()/.\-]")
# German numbers: the national significant number has 4 to 13 digits and no leading 0.
_GERMAN_NUMBER = re.compile(r"[1-9][0-9]{3,12}")
# Other countries' numbers with their country code: E.164 allows 15 digits in all.
_INTERNATIONAL_NUMBER = re.compile(r"[1-9][0-9]{7,14}")


def quick_phone_key(text: str) -> str | None:
    """phone_key() for the way German numbers are mostly written (030 123456, +49 (0)30
    123456, 0049 30 123456), without the parsing library, which is slow for a whole network;
    any other spelling goes through phone_key()."""
    compact = text.strip().removeprefix("tel:").replace("(0)", "")
    compact = _PHONE_PUNCTUATION.sub("", compact)
    for prefix in ("+49", "0049", "0"):
        if compact.startswith(prefix):
            national = compact[len(prefix) :]
            if _GERMAN_NUMBER.fullmatch(national):
                return f"+49{national}"
            break
    for prefix in ("+", "00"):
        if compact.startswith(prefix) and not compact.startswith(("+49", "0049")):
            international = compact[len(prefix) :]
            # A 0 just after the country code may be a national prefix the parser drops.
            if _INTERNATIONAL_NUMBER.fullmatch(international) and "0" not in international[1:4]:
                return f"+{international}"
    return phone_key(text)


def phone_display(text: str, region: str = DEFAULT_PHONE_REGION) -> str:
    """The number written internationally (+49 30 123456), or the text as given."""
    number = parse_phone(text, region)
    if number is None:
        return text.strip().removeprefix("tel:")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _host(url: str) -> tuple[str, str]:
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    return host, unquote(parts.path)


def channel_for_url(url: str) -> str | None:
    """The profile channel of a URL (LinkedIn, Xing, …), or None for any other site."""
    host, _path = _host(url)
    for known, channel in CHANNEL_HOSTS.items():
        if host == known or host.endswith("." + known):
            return channel.value
    return None


def url_key(url: str) -> str:
    """The URL without scheme, www., country subdomain, query and trailing slash, lower-case:
    https://de.linkedin.com/in/Anna-Adler/ and linkedin.com/in/anna-adler are one key."""
    host, path = _host(url)
    for known in CHANNEL_HOSTS:
        if host.endswith("." + known):
            host = known
    return f"{host}{path.rstrip('/')}".lower()


def clean_url(url: str) -> str:
    """A URL with a scheme, as the profile link fields store it."""
    url = url.strip()
    if url and "://" not in url:
        url = "https://" + url
    return url


def strip_symbols(text: str) -> str:
    """The text without emoji and other pictographs, spaces collapsed."""
    kept = "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in {"So", "Sk", "Cs", "Co", "Cn"}
        and ch not in "\u200d\ufe0f\ufe0e"
    )
    return " ".join(kept.split())


def split_titles(name: str) -> tuple[str, list[str]]:
    """The name without leading titles (Dr., Prof.) and trailing credentials (, MBA),
    and the titles that were taken off."""
    head, comma, tail = name.partition(",")
    titles = []
    if comma and all(is_title_word(word) for word in re.split(r"[\s,]+", tail) if word):
        titles.append(tail.strip())
        name = head
    words = name.split()
    while len(words) > 1 and is_title_word(words[0]):
        titles.insert(0, words.pop(0))
    return " ".join(words), [t for t in titles if t]


def is_title_word(word: str) -> bool:
    parts = [p for p in re.split(r"[.\-]", word.lower()) if p]
    return bool(parts) and all(p in TITLE_WORDS for p in parts)


def name_key(first_name: str, last_name: str) -> str:
    """The name's words folded and sorted, titles left out: "Dr. Jürgen Weiß",
    "Weiss, Juergen" and "jurgen weiss" share one key."""
    words = []
    for part in (first_name, last_name):
        stripped, _titles = split_titles(strip_symbols(part))
        words += canonical(stripped).replace("-", " ").split()
    return " ".join(sorted(w.strip(".,") for w in words if w.strip(".,")))
