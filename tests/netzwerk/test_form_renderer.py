"""Widgets are rendered by Jinja2 (netzwerk/form_renderer.py) for speed; what the browser
gets must be what Django's own templates make, bound and unbound, errors included."""

import re

import pytest
from django.contrib.auth.forms import ReadOnlyPasswordHashField
from django.forms.renderers import DjangoTemplates

from contacts.forms import ContactForm
from netzwerk.form_renderer import FormRenderer
from netzwerk.forms import PreferencesForm
from tests.factories import make_tag


def html(form) -> str:
    # The engines differ only in whitespace (a line break or a space before a radio's label),
    # which a browser shows alike.
    spaced = re.sub(r"\s+", " ", "".join(str(field) for field in form))
    return spaced.replace("> <", "><").strip()


def both(make) -> tuple[str, str]:
    return html(make(FormRenderer())), html(make(DjangoTemplates()))


@pytest.mark.django_db
def test_a_contact_form_is_the_same_html_bound_and_unbound(owner):
    make_tag(owner, "Kunde")
    bad = {"first_name": "", "category": "nope", "birthday_day": "31", "birthday_month": "2"}

    fresh, expected = both(lambda r: ContactForm(owner=owner, renderer=r))
    invalid, expected_invalid = both(lambda r: ContactForm(bad, owner=owner, renderer=r))

    assert fresh == expected
    assert invalid == expected_invalid
    assert 'type="radio"' in fresh or "<select" in fresh


@pytest.mark.django_db
def test_the_preferences_form_is_the_same_html(owner):
    ours, expected = both(lambda r: PreferencesForm(instance=owner, renderer=r))

    assert ours == expected
    assert 'type="radio"' in ours and "checked" in ours and "<datalist" in ours


def test_a_widget_only_django_templates_know_is_rendered_too():
    field = ReadOnlyPasswordHashField()
    rendered = field.widget.render("password", "md5$abc$def", renderer=FormRenderer())

    assert "md5" in rendered
