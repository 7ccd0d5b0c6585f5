from netzwerk.http import parse_ids

from ..models import Contact

# A form takes at most this many people; the picker offers a few at a time anyway.
MAX_PEOPLE = 50


class PeopleFormMixin:
    """A form with a `contacts` field of the owner's people, filled by the people picker
    (contacts/partials/people_picker.html). The form sets `self.owner`."""

    def chosen_contacts(self) -> list[Contact]:
        """The people ticked in the form (or linked already), for re-rendering the checkboxes."""
        if self.is_bound:
            ids = parse_ids(self.data.getlist("contacts"))[:MAX_PEOPLE]
            return list(Contact.objects.for_owner(self.owner).filter(pk__in=ids))
        if self.instance.pk:
            return list(self.instance.contacts.all())
        return list(self.initial.get("contacts", []))
