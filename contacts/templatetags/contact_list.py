"""Template helpers of the contact list."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def tag_options(options, selected) -> str:
    """The tag filter's <option>s from (id, name) pairs.

    A busy network has hundreds of tags; a template loop with an {% if %} per option costs
    more than the rows it filters, so the options are joined here.
    """
    # The ids are the database's integers and every name is escaped.
    return mark_safe(  # nosec B308 B703
        "".join(
            f'<option value="{pk}"{" selected" if pk == selected else ""}>{escape(name)}</option>'
            for pk, name in options
        )
    )
