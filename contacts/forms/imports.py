"""The import's forms: the upload (one or many files), the column mapping of an unknown CSV,
and the choices of the preview."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ..importing.csv_files import FIELDS
from ..importing.preview import Kind
from ..importing.reading import encode_upload
from ..models import ColumnMapping, ImportBatch, RowChoice

# Duplicates the preview offers one by one; beyond them the choice for all applies.
SHOWN_DUPLICATES = 300
NAME_FIELDS = {"first_name", "last_name", "full_name", "company"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple) and data:
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        # No file at all comes as an empty list, which must still count as missing.
        return [super().clean(data or None, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "vCards (.vcf) from a phone, Google, Outlook or Xing, LinkedIn's Connections.csv, "
            "a Google or Outlook CSV, or any other CSV."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs.update(
            {"accept": ".vcf,.vcard,.csv,.txt,text/vcard,text/csv", "data-import-files": ""}
        )

    def clean_files(self):
        files = self.cleaned_data["files"]
        limit = settings.IMPORT_MAX_BYTES
        if len(files) > settings.IMPORT_MAX_FILES:
            raise forms.ValidationError(
                _("At most %(count)s files can be imported at once; import the rest afterwards.")
                % {"count": settings.IMPORT_MAX_FILES}
            )
        total = sum(upload.size for upload in files)
        if total > limit:
            raise forms.ValidationError(
                _(
                    "These files are %(size)s together; at most %(limit)s can be imported at "
                    "once. Import them in parts, or export fewer contacts per file."
                )
                % {"size": filesizeformat(total), "limit": filesizeformat(limit)}
            )
        empty = [upload.name for upload in files if not upload.size]
        if empty:
            raise forms.ValidationError(
                _("This file is empty: %(names)s") % {"names": ", ".join(empty)}
            )
        return files

    def save(self, owner) -> ImportBatch:
        files = [encode_upload(upload.name, upload.read()) for upload in self.cleaned_data["files"]]
        return ImportBatch.objects.create(
            owner=owner,
            title=", ".join(f["name"] for f in files)[:300],
            files=files,
            total_files=len(files),
        )


class MappingForm(forms.Form):
    """What each column of a CSV holds; the first guess comes from the column names."""

    file = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, upload: dict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload = upload
        choices = [(key, label) for key, label in FIELDS.items()]
        for index, header in enumerate(upload["headers"]):
            self.fields[f"column-{index}"] = forms.ChoiceField(
                label=header or _("(no name)"),
                choices=choices,
                required=False,
                initial=upload["fields"][index],
            )

    def clean(self):
        cleaned = super().clean()
        if not NAME_FIELDS & {
            cleaned.get(f"column-{i}") for i in range(len(self.upload["headers"]))
        }:
            raise forms.ValidationError(
                _(
                    "Choose at least one column with a name or a company: without one no "
                    "contact can be made."
                )
            )
        return cleaned

    def mapping(self) -> list[str]:
        return [self.cleaned_data[f"column-{i}"] for i in range(len(self.upload["headers"]))]

    def save(self, owner) -> ColumnMapping:
        mapping, _created = ColumnMapping.objects.update_or_create(
            owner=owner,
            signature=self.upload["signature"],
            defaults={"headers": self.upload["headers"], "fields": self.mapping()},
        )
        return mapping


class PreviewForm(forms.Form):
    """The choice for each likely duplicate (create, merge, skip), and one for all that are
    not shown one by one."""

    all_duplicates = forms.ChoiceField(
        label=_("For the other likely duplicates"),
        choices=[("", _("as suggested"))] + list(RowChoice.choices),
        required=False,
    )

    def __init__(self, rows: list[dict], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.shown = [i for i, row in enumerate(rows) if row["kind"] == Kind.DUPLICATE]
        self.shown = self.shown[:SHOWN_DUPLICATES]
        for index in self.shown:
            self.fields[f"row-{index}"] = forms.ChoiceField(
                choices=RowChoice.choices,
                initial=rows[index]["choice"],
                widget=forms.RadioSelect,
            )

    def chosen_rows(self) -> list[dict]:
        """The rows with the choices made."""
        rows = self.rows
        everyone = self.cleaned_data.get("all_duplicates")
        shown = set(self.shown)
        for index, row in enumerate(rows):
            if row["kind"] != Kind.DUPLICATE:
                continue
            if index in shown:
                row["choice"] = self.cleaned_data[f"row-{index}"]
            elif everyone:
                row["choice"] = everyone
        return rows
