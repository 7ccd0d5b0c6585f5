"""Django's {# … #} comment ends on its line: one spread over lines is printed on the page."""

from pathlib import Path

from django.conf import settings


def test_no_template_spreads_a_short_comment_over_lines():
    broken = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert broken == []
