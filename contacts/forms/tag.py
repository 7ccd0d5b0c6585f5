from django import forms
from django.utils.translation import gettext_lazy as _

from netzwerk.once import create_once

from ..models import Tag


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name"]

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if "," in name:
            raise forms.ValidationError(_("A tag name cannot contain a comma."))
        clash = Tag.objects.for_owner(self.owner).filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("You already have a tag with this name."))
        return name

    def save(self, commit: bool = True) -> Tag:
        if self.instance.pk:
            # The same name again changes no card (another case of it does: phones show it).
            if "name" in self.changed_data:
                self.instance.rename(self.cleaned_data["name"])
            return self.instance
        tag = super().save(commit=False)
        tag.owner = self.owner
        return create_once(tag, lambda: Tag.objects.for_owner(self.owner).named(tag.name))
