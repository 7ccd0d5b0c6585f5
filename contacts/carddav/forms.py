from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Tag

from .models import AddressBook, AppPassword, Holds


class AppPasswordForm(forms.ModelForm):
    class Meta:
        model = AppPassword
        fields = ["name"]
        widgets = {"name": forms.TextInput(attrs={"placeholder": "iPhone", "maxlength": 50})}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if "," in name:
            # The name becomes a tag, and tag names have no commas.
            raise forms.ValidationError(_("A device name cannot contain a comma."))
        return name

    def save(self, commit: bool = True) -> tuple[AppPassword, str]:
        """The new app password and its plain text, which is shown this once."""
        AddressBook.objects.ensure_one(self.owner)
        return AppPassword.create_for(self.owner, self.cleaned_data["name"])


class AddressBookForm(forms.ModelForm):
    class Meta:
        model = AddressBook
        fields = ["name", "holds", "tag"]
        widgets = {"holds": forms.RadioSelect}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["tag"].queryset = Tag.objects.for_owner(owner)
        self.fields["tag"].help_text = _("Only for “Contacts with a tag”.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("holds") == Holds.TAG and not cleaned.get("tag"):
            self.add_error("tag", _("Choose the tag whose contacts this address book holds."))
        if cleaned.get("holds") != Holds.TAG:
            cleaned["tag"] = None
        return cleaned

    def save(self, commit: bool = True) -> AddressBook:
        book = super().save(commit=False)
        book.owner = self.owner
        book.save()
        return book
