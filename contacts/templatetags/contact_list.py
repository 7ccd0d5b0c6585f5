"""Template helpers of the contact list."""

from html import escape as html_escape

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def select_options(options, selected) -> str:
    """A filter's <option>s from (value, label) pairs: the tags' (id, name), a field's choices.

    A busy network has hundreds of tags; a template loop with an {% if %} per option costs
    more than the rows it filters, so the options are joined here.
    """
    # Every value and label is escaped.
    return mark_safe(  # nosec B308 B703
        "".join(
            f'<option value="{_e(value)}"{" selected" if value == selected else ""}>'
            f"{escape(label)}</option>"
            for value, label in options
        )
    )


@register.simple_tag
def contact_rows(rows: list[dict]) -> SafeString:
    """The contact list's rows (values from prepare_rows() in contacts/views/lists.py),
    written out here as the admin writes its changelist rows: the list is the most
    requested page, and a template loop spent more on its fifty rows than on the rest of
    the page (README, Performance). Every value is escaped as the template would."""
    log_title = _e(_("Log an interaction"))
    html = []
    for row in rows:
        category, label = _e(row["category"]), _e(row["category_label"])
        pill = row["pill"]
        pill = f' <span class="{_e(pill["css"])}">{_e(pill["label"])}</span>' if pill else ""
        tags = "".join(f'<span class="tag">{_e(tag)}</span>' for tag in row["tag_names"])
        # No line breaks or indentation: fifty rows of them were a tenth of the page.
        html.append(
            f'<li class="row" id="contact-{_e(row["pk"])}">'
            f'<a class="row-main" href="{_e(row["url"])}">'
            f'<span class="avatar cat-{category}" aria-hidden="true">{_e(row["initials"])}</span>'
            '<span class="row-text">'
            f'<span class="row-title">{_e(row["list_name"])} <span class="cat cat-{category}"'
            f' title="{label}"><span class="cat-dot" aria-hidden="true"></span>'
            f'<span class="sr-only">{label}</span></span>{pill}</span>'
            f'<span class="row-sub">{_e(row["row_sub"])}</span>'
            f'<span class="row-meta">{_e(row["last_contact_label"])} {tags}</span>'
            "</span></a>"
            f'<a class="row-action" href="{_e(row["log_url"])}" title="{log_title}"'
            f' aria-label="{_e(row["log_label"])}">+</a>'
            "</li>\n"
        )
    # Every value above is escaped.
    return mark_safe("".join(html))  # nosec B308 B703


def _e(value) -> str:
    """Escaped as a template escapes a variable (django.utils.html.escape, without its lazy
    wrapper)."""
    return html_escape(str(value))
