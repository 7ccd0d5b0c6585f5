"""Reading pages in tests."""

import re

# Values drawn at random for each response: the CSRF token (in <body hx-headers> and in every
# form) and the CSP nonce. A short word such as "Dez" or "Ben" turns up in one of them now and
# then, so a test that says a short word is not on a page reads the page without them.
RANDOM_VALUES = re.compile(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value="|nonce=")[^"]*')


def without_random_values(html: str) -> str:
    return RANDOM_VALUES.sub(r"\1", html)
