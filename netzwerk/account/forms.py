import json

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# A backup of a very large network is a few dozen MB; more than this is not a backup.
MAX_BACKUP_BYTES = 200 * 1024 * 1024


class RestoreForm(forms.Form):
    backup = forms.FileField(
        label=_("Backup file"), help_text=_("The .json file from “Download a backup”.")
    )

    def clean_backup(self):
        upload = self.cleaned_data["backup"]
        if upload.size > MAX_BACKUP_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s; a backup is never that big.")
                % {"limit": filesizeformat(MAX_BACKUP_BYTES)}
            )
        try:
            return json.load(upload)
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise forms.ValidationError(
                _("This file is not a Netzwerk backup (it is not JSON).")
            ) from None


class ForgetForm(forms.Form):
    keep_hashes = forms.BooleanField(
        label=_("Skip this person in later imports"),
        help_text=_(
            "Keeps only a one-way, keyed hash of their email addresses, phone numbers and "
            "profile links, never the values themselves."
        ),
        required=False,
        initial=True,
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
