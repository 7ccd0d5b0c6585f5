"""The import page: upload one or many files, watch them being read, assign the columns of
an unknown CSV, review the preview, import. The work happens in Celery tasks; these views
only store and show."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from netzwerk.http import INVALID, parse_id, posted, render_form
from netzwerk.owned import owned

from ..forms.imports import ImportForm, MappingForm, PreviewForm
from ..importing.preview import Kind, summary
from ..models import ImportBatch, ImportState
from ..tasks import commit_import, enqueue_soon, read_import

# New contacts the preview lists by name; the rest are counted.
SHOWN_NEW = 200
# What the list of recent imports reads: never the rows or the files themselves.
LISTED = ("id", "owner_id", "title", "state", "result", "created_at", "done_files", "total_files")


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    form = ImportForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = form.save(request.user)
        enqueue_soon(read_import, batch.pk)
        return redirect("contacts:import_batch", batch.pk)
    recent = ImportBatch.objects.for_owner(request.user).only(*LISTED).recent()
    context = {"form": form, "recent": recent, "max_bytes": settings.IMPORT_MAX_BYTES}
    return render_form(request, "contacts/import.html", context, valid=request.method == "GET")


@login_required
@owned(ImportBatch, "batch")
@require_GET
def import_batch(request, batch):
    return render(request, "contacts/import_batch.html", batch_context(batch))


@login_required
@owned(ImportBatch.objects.only(*LISTED), "batch")
@require_GET
def import_progress(request, batch):
    """The progress the page polls; once the work is done the page loads anew."""
    if not batch.working:
        return HttpResponseClientRefresh()
    return render(request, "contacts/import_batch.html#progress", {"batch": batch})


@login_required
@owned(ImportBatch, "batch")
@require_POST
def import_mapping(request, batch):
    """Assign the columns of a CSV of no known format (also again, from the preview)."""
    index, upload = batch.mappable_file(parse_id(request.POST.get("file")))
    if upload is None:
        return redirect("contacts:import_batch", batch.pk)
    form = MappingForm(upload, request.POST)
    if not form.is_valid():
        context = batch_context(batch, mapping_form=form)
        return render(request, "contacts/import_batch.html", context, status=INVALID)
    form.save(request.user)
    if ImportBatch.objects.claim(batch.pk, batch.state, ImportState.QUEUED):
        ImportBatch.objects.filter(pk=batch.pk).update(done_files=0)
        enqueue_soon(read_import, batch.pk)
    return redirect("contacts:import_batch", batch.pk)


@login_required
@owned(ImportBatch, "batch")
@require_POST
def import_commit(request, batch):
    if batch.state != ImportState.READY:
        return redirect("contacts:import_batch", batch.pk)
    form = PreviewForm(batch.rows, request.POST)
    if not form.is_valid():
        context = batch_context(batch, preview_form=form)
        return render(request, "contacts/import_batch.html", context, status=INVALID)
    updated = ImportBatch.objects.filter(pk=batch.pk, state=ImportState.READY).update(
        rows=form.chosen_rows(), state=ImportState.COMMITTING, error=""
    )
    if updated:
        enqueue_soon(commit_import, batch.pk)
    return redirect("contacts:import_batch", batch.pk)


@login_required
@owned(ImportBatch.objects.only(*LISTED), "batch")
@require_POST
def import_discard(request, batch):
    """Throw a preview away; nothing of it was written."""
    waiting = [ImportState.QUEUED, ImportState.MAPPING, ImportState.READY, ImportState.FAILED]
    ImportBatch.objects.filter(pk=batch.pk, state__in=waiting).update(
        state=ImportState.DISCARDED, rows=[], files=[]
    )
    messages.success(request, _("The import was discarded; nothing was written."))
    return redirect("contacts:import")


def batch_context(batch: ImportBatch, mapping_form=None, preview_form=None) -> dict:
    context = {"batch": batch, "files": [_file_info(f) for f in batch.files]}
    if mapping_form is None:
        index, upload = batch.mappable_file()
        mapping_form = MappingForm(upload, initial={"file": index}) if upload else None
    context["mapping_form"] = mapping_form
    if batch.state in {ImportState.READY, ImportState.COMMITTING}:
        preview_form = preview_form or PreviewForm(batch.rows)
        context.update(_preview(batch, preview_form))
    return context


def _file_info(upload: dict) -> dict:
    # The files' contents stay in the database, never in a page.
    return {key: upload.get(key, "") for key in ("name", "size", "source", "error")}


def _preview(batch: ImportBatch, form: PreviewForm) -> dict:
    names = [f["name"] for f in batch.files]
    groups: dict[str, list] = {Kind.NEW: [], Kind.DUPLICATE: [], Kind.ERROR: [], Kind.FORGOTTEN: []}
    for index, row in enumerate(batch.rows):
        groups[row["kind"]].append({**row, "index": index, "file_name": names[row["file"]]})
    for row in groups[Kind.DUPLICATE][: len(form.shown)]:
        row["field"] = form[f"row-{row['index']}"]
    return {
        "preview_form": form,
        "counts": summary(batch.rows),
        "new_rows": groups[Kind.NEW][:SHOWN_NEW],
        "duplicates": groups[Kind.DUPLICATE][: len(form.shown)],
        "more_duplicates": max(0, len(groups[Kind.DUPLICATE]) - len(form.shown)),
        "error_rows": groups[Kind.ERROR],
        "forgotten_rows": groups[Kind.FORGOTTEN],
    }
