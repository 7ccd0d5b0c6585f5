from django import forms
from django.utils.translation import gettext_lazy as _

from netzwerk.fields import SearchField

from ..models import Category, Status
from ..paging import SORTS


class ContactFilterForm(forms.Form):
    """The list's search, filters and sort, read from the query string."""

    STATUS_ALL = "all"
    q = SearchField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories"))] + Category.choices
    )
    tag = forms.IntegerField(label=_("Tag"), required=False, min_value=1)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active and wish"))] + Status.choices + [(STATUS_ALL, _("All"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("name", _("Name A–Z")),
            ("recent", _("Recently contacted")),
            ("longest", _("Longest without contact")),
            ("newest", _("Newest first")),
        ],
    )
    after = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def sort_choice(self):
        return SORTS[self.cleaned_data.get("sort") or "name"]

    def filter(self, qs, search: bool = True):
        """The filtered list; search=False leaves the search term to the caller (the list
        pages searches through contacts.search_paging)."""
        data = self.cleaned_data
        status = data.get("status")
        if status == self.STATUS_ALL:
            pass
        elif status:
            qs = qs.filter(status=status)
        else:
            qs = qs.visible()
        if data.get("category"):
            qs = qs.filter(category=data["category"])
        if data.get("tag"):
            qs = qs.filter(tags__id=data["tag"])
        if search and data.get("q"):
            qs = qs.search(data["q"])
        return qs

    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(k) for k in ("q", "category", "tag", "status"))
