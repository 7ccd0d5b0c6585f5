from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netzwerk.http import done, posted, render_form, safe_next, save_form
from netzwerk.owned import owned

from ..forms import DraftForm, RequestPrepForm, RequestStageForm, VoiceForm
from ..models import LINKEDIN_NOTE_LIMIT, Contact, RequestPrep, Status
from ..models.voice import voice_for
from .introductions import sender_name


def prep_for(contact) -> RequestPrep:
    """The contact's request preparation, unsaved if there is none yet."""
    try:
        return contact.request_prep
    except RequestPrep.DoesNotExist:
        return RequestPrep(contact=contact, owner_id=contact.owner_id)


def _draft_url(contact) -> str:
    return reverse("contacts:request_prep", args=[contact.pk]) + "#draft"


def _page(request, contact, prep, *, form=None, voice_form=None, draft_form=None, valid=True):
    language = request.user.language
    voice = voice_for(contact, language)
    draft = prep.draft_message(sender_name(request.user), voice)
    return render_form(
        request,
        "contacts/request_prep.html",
        {
            "contact": contact,
            "prep": prep,
            "form": form or RequestPrepForm(instance=prep, voice=voice),
            "voice_form": voice_form or VoiceForm(instance=contact, default_language=language),
            "draft_form": draft_form or DraftForm(initial={"draft": draft}),
            "draft": draft,
            "draft_length": len(draft),
            "linkedin_limit": LINKEDIN_NOTE_LIMIT,
            "is_wish": contact.status == Status.WISH,
        },
        valid=valid,
    )


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def request_prep(request, contact):
    """The four questions before a contact request, and the message draft built from them,
    in the contact's language and address form."""
    prep = prep_for(contact)
    language = request.user.language
    voice_form = VoiceForm(posted(request), instance=contact, default_language=language)
    form = RequestPrepForm(posted(request), instance=prep, voice=voice_for(contact, language))
    if request.method == "POST" and all([voice_form.is_valid(), form.is_valid()]):
        with transaction.atomic():
            voice_form.save()
            form.save()
        if prep.draft:
            messages.success(
                request,
                _("Saved. Your edited message is kept: build a new one below if you like."),
            )
        else:
            messages.success(request, _("Saved. Your message draft is ready to copy."))
        return done(request, request.path + "#draft")
    return _page(
        request, contact, prep, form=form, voice_form=voice_form, valid=request.method == "GET"
    )


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def request_draft(request, contact):
    """Keep the user's edit of the message; the answers no longer change it."""
    if request.method == "GET":
        return redirect(_draft_url(contact))
    prep = prep_for(contact)
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _page(request, contact, prep, draft_form=form, valid=False)
    voice = voice_for(contact, request.user.language)
    prep.keep_draft(form.cleaned_data["draft"], sender_name(request.user), voice)
    if prep.draft:
        messages.success(request, _("Your message is saved as you wrote it."))
    else:
        messages.success(request, _("Your message is built from your answers again."))
    return redirect(_draft_url(contact))


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def request_draft_rebuild(request, contact):
    """Replace an edited message with one built from the answers, after asking."""
    prep = prep_for(contact)
    if request.method == "POST":
        if prep.pk and prep.draft:
            prep.draft = ""
            prep.save(update_fields=["draft", "updated_at"])
        messages.success(request, _("Your message is built from your answers again."))
        return redirect(_draft_url(contact))
    return render(
        request,
        "contacts/request_draft_rebuild.html",
        {"contact": contact, "prep": prep, "back": _draft_url(contact)},
    )


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def contact_voice(request, contact):
    """How the app's drafts write to this person (introductions, contact request)."""
    form = VoiceForm(posted(request), instance=contact, default_language=request.user.language)
    return save_form(
        request,
        form,
        "contacts/voice.html",
        {"contact": contact, "back": safe_next(request, contact.get_absolute_url())},
        then=contact.get_absolute_url(),
        saved=_("Saved: drafts to %(name)s follow your choice.") % {"name": contact.name},
    )


@login_required
@owned(Contact)
@require_http_methods(["GET", "POST"])
def request_stage(request, contact):
    """Wish → request sent → connected (the contact becomes active), each with its date."""
    if request.method == "GET":
        return redirect("contacts:request_prep", pk=contact.pk)
    form = RequestStageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That step is unknown."))
        return redirect("contacts:request_prep", pk=contact.pk)
    prep = prep_for(contact)
    if form.cleaned_data["stage"] == "sent":
        prep.mark_sent()
        messages.success(request, _("Request to %(name)s marked as sent.") % {"name": contact.name})
    else:
        prep.mark_connected()
        messages.success(request, _("%(name)s is now an active contact.") % {"name": contact.name})
    return done(request, contact.get_absolute_url())
