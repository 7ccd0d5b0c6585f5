from django import forms
from django.utils.translation import gettext_lazy as _

from netzwerk.http import parse_ids

from ..models import Category, Contact, Status, Tag
from .filters import ContactFilterForm

# Contacts that can be ticked one by one: pages of the desk loaded with "load more".
MAX_TICKED = 5_000

SELECTED = "selected"
MATCHING = "matching"

# Every button of the desk's action bar: (verb, argument).
ACTIONS = {
    **{f"category:{c.value}": ("category", c.value) for c in Category},
    "status:active": ("status", Status.ACTIVE),
    "status:wish": ("status", Status.WISH),
    "status:archived": ("status", Status.ARCHIVED),
    "tag:add": ("add_tag", ""),
    "tag:remove": ("remove_tag", ""),
    "delete": ("delete", ""),
    "merge": ("merge", ""),
    "export:vcard": ("export", "vcard"),
    "export:csv": ("export", "csv"),
}


class BulkActionForm(forms.Form):
    """One action on the contacts ticked on the desk, or on all that match its filter.

    The desk's filter travels along with the prefix "f" (f-q, f-category, …), so "all
    matching" is the very filter the desk showed; its own category, status and tag fields
    would otherwise clash with the action's.
    """

    action = forms.ChoiceField(choices=[(key, key) for key in ACTIONS])
    scope = forms.ChoiceField(
        choices=[(SELECTED, _("The ticked contacts")), (MATCHING, _("All matching the filter"))],
        required=False,
    )
    tag = forms.CharField(label=_("Tag"), max_length=50, required=False)
    confirmed = forms.BooleanField(required=False)

    def __init__(self, data, *, owner):
        super().__init__(data)
        self.owner = owner
        self.filters = ContactFilterForm(data, prefix="f")
        self.ids = parse_ids(data.getlist("contacts"))[:MAX_TICKED] if data else []

    @property
    def verb(self) -> str:
        return ACTIONS[self.cleaned_data["action"]][0]

    @property
    def argument(self) -> str:
        return ACTIONS[self.cleaned_data["action"]][1]

    @property
    def matching(self) -> bool:
        return self.cleaned_data.get("scope") == MATCHING

    def clean_tag(self) -> str:
        name = self.cleaned_data["tag"].strip()
        if "," in name:
            raise forms.ValidationError(_("A tag name cannot contain a comma."))
        return name

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action is None:
            return data
        verb = ACTIONS[action][0]
        if self.matching and not self.filters.is_valid():
            raise forms.ValidationError(_("The filter was not understood; nothing was changed."))
        if not self.matching and not self.ids:
            raise forms.ValidationError(_("Tick at least one contact first."))
        if verb == "merge" and (self.matching or len(set(self.ids)) != 2):
            raise forms.ValidationError(_("Tick exactly two contacts to merge them."))
        if verb in ("add_tag", "remove_tag") and not data.get("tag"):
            self.add_error("tag", _("Name the tag to add or remove."))
        if verb == "remove_tag" and data.get("tag"):
            data["tag_object"] = (
                Tag.objects.for_owner(self.owner).filter(name__iexact=data["tag"]).first()
            )
            if data["tag_object"] is None:
                self.add_error("tag", _("You have no tag with this name."))
        return data

    def chosen(self):
        """The contacts the action is for, always the owner's own."""
        contacts = Contact.objects.for_owner(self.owner)
        if self.matching:
            return self.filters.filter(contacts)
        return contacts.filter(pk__in=self.ids)

    def tag_to_add(self) -> Tag:
        (tag,) = Tag.objects.get_or_create_named(self.owner, [self.cleaned_data["tag"]])
        return tag

    def carried(self) -> list[tuple[str, str]]:
        """The fields to post again from a confirmation page: the same contacts, the same
        action."""
        fields = [("action", self.cleaned_data["action"]), ("scope", self.data.get("scope", ""))]
        fields += [("tag", self.cleaned_data.get("tag", ""))]
        if self.matching:
            fields += [(f"f-{name}", value) for name, value in self.filters.cleaned_data.items()]
        else:
            fields += [("contacts", str(pk)) for pk in self.ids]
        return [(name, "" if value is None else str(value)) for name, value in fields]
