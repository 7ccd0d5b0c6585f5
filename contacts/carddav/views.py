"""The CardDAV endpoints: discovery, the address books, the cards.

    /.well-known/carddav           → /dav/ (RFC 6764)
    /dav/                          the service root: who is signed in
    /dav/principal/                the signed-in user: where their address books are
    /dav/books/                    the address-book home: one collection per book
    /dav/books/<id>/               a book: PROPFIND, REPORT (sync-collection, multiget, query)
    /dav/books/<id>/<name>.vcf     a card: GET, PUT, DELETE

The URLs name no user: every lookup goes through the signed-in user's own rows, so another
user's book is a 404 whoever asks.
"""

from urllib.parse import unquote, urlsplit

from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from . import cards
from .auth import device_required
from .models import AddressBook, BookEntry, ContactCard, etag_for
from .xml import (
    CALSERVER,
    CARDDAV,
    DAV,
    BadRequest,
    Multistatus,
    answer_props,
    element,
    error,
    href,
    parse,
    requested_props,
    tag,
)

DAV_HEADER = "1, 3, addressbook"
COLLECTION_METHODS = ["OPTIONS", "PROPFIND", "PROPPATCH", "REPORT"]
CARD_METHODS = ["OPTIONS", "GET", "HEAD", "PUT", "DELETE", "PROPFIND"]
# A card with a photo is a few hundred kilobytes at most.
MAX_CARD = 1024 * 1024
VCARD_TYPE = "text/vcard; charset=utf-8"


@csrf_exempt
def well_known(request):
    """RFC 6764: clients given only the host name find the service here, whatever method."""
    return HttpResponsePermanentRedirect(reverse("carddav:root"))


def options(allowed: list[str]) -> HttpResponse:
    response = HttpResponse(status=200)
    response["DAV"] = DAV_HEADER
    response["Allow"] = ", ".join(allowed)
    response["Content-Length"] = "0"
    return response


def dispatch(request, handlers: dict) -> HttpResponse:
    handler = handlers.get(request.method)
    if request.method == "OPTIONS":
        return options(list(handlers) + ["OPTIONS"])
    if handler is None:
        return HttpResponseNotAllowed([*handlers, "OPTIONS"])
    try:
        return handler()
    except BadRequest as problem:
        return HttpResponse(str(problem), status=400, content_type="text/plain; charset=utf-8")


def depth(request) -> int:
    """PROPFIND's Depth: 0 or 1 (infinity is answered as 1, as most servers do)."""
    return 0 if request.headers.get("Depth", "1").strip() == "0" else 1


def _user_props(request) -> dict:
    principal = reverse("carddav:principal")
    return {
        tag(DAV, "current-user-principal"): lambda: href(principal),
        tag(DAV, "principal-URL"): lambda: href(principal),
        tag(DAV, "owner"): lambda: href(principal),
    }


PRIVILEGES = ("read", "write", "write-content", "write-properties", "bind", "unbind")


def _privileges() -> list:
    return [element(tag(DAV, "privilege"), None, element(tag(DAV, name))) for name in PRIVILEGES]


def _propfind(request, resources) -> HttpResponse:
    """Answer a PROPFIND for (url, available properties) pairs."""
    mode, names = requested_props(parse(request.body))
    answer = Multistatus()
    for url, available in resources:
        found, missing = answer_props(available, mode, names)
        answer.add(url, found, missing)
    return answer.response()


# --- discovery ----------------------------------------------------------------------------


@device_required
def root(request):
    def propfind():
        props = {
            tag(DAV, "resourcetype"): lambda: [element(tag(DAV, "collection"))],
            tag(DAV, "displayname"): lambda: "Netzwerk",
            **_user_props(request),
        }
        return _propfind(request, [(request.path, props)])

    return dispatch(request, {"PROPFIND": propfind})


@device_required
def principal(request):
    def propfind():
        home = reverse("carddav:home")
        user = request.user
        props = {
            tag(DAV, "resourcetype"): lambda: [
                element(tag(DAV, "collection")),
                element(tag(DAV, "principal")),
            ],
            tag(DAV, "displayname"): lambda: user.get_full_name() or user.email,
            tag(CARDDAV, "addressbook-home-set"): lambda: href(home),
            tag(DAV, "principal-collection-set"): lambda: href(reverse("carddav:root")),
            tag(CARDDAV, "principal-address"): lambda: None,
            **_user_props(request),
        }
        return _propfind(request, [(request.path, props)])

    return dispatch(request, {"PROPFIND": propfind})


@device_required
def home(request):
    def propfind():
        props = {
            tag(DAV, "resourcetype"): lambda: [element(tag(DAV, "collection"))],
            tag(DAV, "displayname"): lambda: "Netzwerk",
            tag(DAV, "current-user-privilege-set"): lambda: [
                element(tag(DAV, "privilege"), None, element(tag(DAV, "read")))
            ],
            **_user_props(request),
        }
        resources = [(request.path, props)]
        if depth(request):
            books = AddressBook.objects.for_owner(request.user)
            resources += [(_book_url(book), _book_props(request, book.refresh())) for book in books]
        return _propfind(request, resources)

    return dispatch(request, {"PROPFIND": propfind})


# --- address books ------------------------------------------------------------------------


def _book_url(book: AddressBook) -> str:
    return reverse("carddav:book", args=[book.pk])


def _book_props(request, book: AddressBook) -> dict:
    return {
        tag(DAV, "resourcetype"): lambda: [
            element(tag(DAV, "collection")),
            element(tag(CARDDAV, "addressbook")),
        ],
        tag(DAV, "displayname"): lambda: book.name,
        tag(CARDDAV, "addressbook-description"): lambda: book.get_holds_display(),
        tag(CALSERVER, "getctag"): lambda: book.ctag,
        tag(DAV, "sync-token"): lambda: book.sync_token,
        tag(DAV, "supported-report-set"): lambda: [
            element(
                tag(DAV, "supported-report"),
                None,
                element(tag(DAV, "report"), None, element(name)),
            )
            for name in (
                tag(DAV, "sync-collection"),
                tag(CARDDAV, "addressbook-multiget"),
                tag(CARDDAV, "addressbook-query"),
            )
        ],
        tag(CARDDAV, "supported-address-data"): lambda: [
            _address_data_type("3.0"),
            _address_data_type("4.0"),
        ],
        tag(CARDDAV, "max-resource-size"): lambda: str(MAX_CARD),
        tag(DAV, "current-user-privilege-set"): _privileges,
        **_user_props(request),
    }


def _address_data_type(version: str):
    node = element(tag(CARDDAV, "address-data-type"))
    node.set("content-type", "text/vcard")
    node.set("version", version)
    return node


@device_required
def book(request, pk: int):
    address_book = get_object_or_404(AddressBook.objects.for_owner(request.user), pk=pk)

    def propfind():
        current = address_book.refresh()
        resources = [(request.path, _book_props(request, current))]
        if depth(request):
            entries = current.entries.filter(deleted=False).order_by("href")
            resources += [(_card_url(current, e.href), _entry_props(e)) for e in entries]
        return _propfind(request, resources)

    def report():
        root = parse(request.body)
        if root is None:
            raise BadRequest("A REPORT needs a body.")
        if root.tag == tag(CARDDAV, "addressbook-multiget"):
            # Cards asked for by name, right after the listing or sync that named them (which
            # brought the index up to date): no second refresh; each card's ETag is read from
            # its contact with the card itself.
            return _multiget(request, address_book, root)
        current = address_book.refresh()
        if root.tag == tag(DAV, "sync-collection"):
            return _sync_collection(request, current, root)
        if root.tag == tag(CARDDAV, "addressbook-query"):
            entries = current.entries.filter(deleted=False).order_by("href")
            return _cards_answer(current, root, list(entries)).response()
        return error(403, tag(DAV, "supported-report"))

    def proppatch():
        return _proppatch(request, address_book)

    return dispatch(request, {"PROPFIND": propfind, "REPORT": report, "PROPPATCH": proppatch})


def _proppatch(request, address_book: AddressBook) -> HttpResponse:
    """A device may rename the book; no other property can be set or removed."""
    root = parse(request.body)
    if root is None:
        raise BadRequest("A PROPPATCH needs a body.")
    outcomes = {}
    for change in root:
        for prop in change.iter(tag(DAV, "prop")):
            for child in prop:
                if not isinstance(child.tag, str):
                    continue
                name = (child.text or "").strip()[:80]
                settable = change.tag == tag(DAV, "set") and child.tag == tag(DAV, "displayname")
                if settable and name:
                    address_book.name = name
                    outcomes[child.tag] = "HTTP/1.1 200 OK"
                else:
                    outcomes[child.tag] = "HTTP/1.1 403 Forbidden"
    if tag(DAV, "displayname") in outcomes and outcomes[tag(DAV, "displayname")].endswith("OK"):
        address_book.save(update_fields=["name"])
    answer = Multistatus()
    answer.add_outcomes(request.path, outcomes)
    return answer.response()


def _card_url(book: AddressBook, name: str) -> str:
    return f"{_book_url(book)}{name}"


def _entry_props(entry: BookEntry, contact=None, version: str = "3.0") -> dict:
    return {
        tag(DAV, "resourcetype"): lambda: [],
        tag(DAV, "getetag"): lambda: entry.etag,
        tag(DAV, "getcontenttype"): lambda: VCARD_TYPE,
        tag(CARDDAV, "address-data"): (
            (lambda: cards.render(contact, entry.uid, version)) if contact else (lambda: None)
        ),
    }


def _wanted_version(root) -> str:
    data = root.find(f"{tag(DAV, 'prop')}/{tag(CARDDAV, 'address-data')}")
    return "4.0" if data is not None and data.get("version") == "4.0" else "3.0"


def _cards_answer(book: AddressBook, root, entries, answer=None) -> Multistatus:
    """The cards' properties; their contacts are read (three queries) only when the client
    asked for the cards' data."""
    mode, names = requested_props(root)
    answer = answer or Multistatus()
    contacts = {}
    if tag(CARDDAV, "address-data") in names:
        contacts = cards.contacts_for_cards(book.owner_id, [e.contact_id for e in entries])
    version = _wanted_version(root)
    for entry in entries:
        contact = contacts.get(entry.contact_id)
        if contact is not None:
            # The ETag names the data sent with it, even if the index has not caught up yet.
            entry.stamp = contact.updated_at
        found, missing = answer_props(_entry_props(entry, contact, version), mode, names)
        answer.add(_card_url(book, entry.href), found, missing)
    return answer


def _sync_collection(request, book: AddressBook, root) -> HttpResponse:
    """RFC 6578: what changed since the client's token (everything for an empty one)."""
    token = (root.findtext(tag(DAV, "sync-token")) or "").strip()
    if token:
        since = book.parse_sync_token(token)
        if since is None:
            return error(403, tag(DAV, "valid-sync-token"))
        changes = list(book.entries.filter(revision__gt=since).order_by("revision", "id"))
    else:
        changes = list(book.entries.filter(deleted=False).order_by("href"))
    answer = Multistatus()
    for entry in changes:
        if entry.deleted:
            answer.add_status(_card_url(book, entry.href), "HTTP/1.1 404 Not Found")
    alive = [entry for entry in changes if not entry.deleted]
    _cards_answer(book, root, alive, answer)
    answer.add_element(element(tag(DAV, "sync-token"), book.sync_token))
    return answer.response()


def _multiget(request, book: AddressBook, root) -> HttpResponse:
    wanted = {}
    for node in root.iter(tag(DAV, "href")):
        name = unquote(urlsplit((node.text or "").strip()).path).rstrip("/").rpartition("/")[2]
        wanted[name] = (node.text or "").strip()
    entries = list(book.entries.filter(deleted=False, href__in=list(wanted)))
    answer = Multistatus()
    for name in set(wanted) - {entry.href for entry in entries}:
        answer.add_status(wanted[name], "HTTP/1.1 404 Not Found")
    return _cards_answer(book, root, entries, answer).response()


# --- cards --------------------------------------------------------------------------------


@device_required
def card(request, pk: int, name: str):
    address_book = get_object_or_404(AddressBook.objects.for_owner(request.user), pk=pk)
    entry = address_book.entries.filter(href=name, deleted=False, contact_id__isnull=False).first()
    contact = None
    if entry is not None:
        contact = address_book.members().filter(pk=entry.contact_id).first()

    def found():
        if contact is None:
            raise Http404
        return contact

    def get():
        shown = cards.contacts_for_cards(request.user, [found().pk])[entry.contact_id]
        version = "4.0" if "version=4.0" in request.headers.get("Accept", "") else "3.0"
        response = HttpResponse(cards.render(shown, entry.uid, version), content_type=VCARD_TYPE)
        response["ETag"] = etag_for(shown.updated_at)
        return response

    def propfind():
        found()
        entry.stamp = contact.updated_at
        return _propfind(request, [(request.path, _entry_props(entry))])

    def put():
        return _put(request, address_book, name, contact)

    def delete():
        stale = _precondition_failed(request, found())
        if stale:
            return stale
        with transaction.atomic():
            contact.archive()
            entry.deleted = True
            entry.revision = address_book.bump()
            entry.save(update_fields=["deleted", "revision"])
        return HttpResponse(status=204)

    return dispatch(
        request, {"GET": get, "HEAD": get, "PUT": put, "DELETE": delete, "PROPFIND": propfind}
    )


def _precondition_failed(request, contact) -> HttpResponse | None:
    """412 when If-Match or If-None-Match does not hold for the card as it is now."""
    current = etag_for(contact.updated_at) if contact is not None else None
    if_none_match = request.headers.get("If-None-Match", "").strip()
    if if_none_match and current and (if_none_match == "*" or current in if_none_match):
        return HttpResponse(status=412)
    if_match = request.headers.get("If-Match", "").strip()
    if if_match and (current is None or (if_match != "*" and current not in if_match)):
        return HttpResponse(status=412)
    return None


def _put(request, book: AddressBook, name: str, contact) -> HttpResponse:
    if not name.endswith(".vcf") or len(name) > 255:
        return HttpResponse("Cards are named *.vcf.", status=403)
    if len(request.body) > MAX_CARD:
        return error(403, tag(CARDDAV, "max-resource-size"))
    stale = _precondition_failed(request, contact)
    if stale:
        return stale
    try:
        upload = cards.read_upload(request.body.decode("utf-8", errors="replace"))
    except ValueError as problem:
        return error(403, tag(CARDDAV, "valid-address-data"), str(problem))
    with transaction.atomic():
        created = contact is None
        if contact is None:
            # The same person uploaded again (a second device, a reinstall, another href):
            # their UID finds them, and they stay one contact.
            contact = cards.contact_for_uid(book, upload.uid)
        if contact is None:
            contact = cards.create_contact(book, request.device, upload)
        else:
            cards.apply_edit(contact, upload)
        _index(book, name, contact)
    # No ETag: the stored card is Netzwerk's rendering, not the bytes sent, so the client
    # fetches it (RFC 6352 section 6.3.2.3).
    return HttpResponse(status=201 if created else 204)


def _index(book: AddressBook, name: str, contact) -> None:
    """Put the written card into the book's index under the href the device chose."""
    revision = book.bump()
    uid = ContactCard.objects.filter(contact=contact).values_list("uid", flat=True).first()
    BookEntry.objects.filter(book=book, href=name).exclude(contact_id=contact.pk).delete()
    own = BookEntry.objects.filter(book=book, contact_id=contact.pk).first()
    if own is not None and own.href != name:
        # Moved to the href the device uses now: the old one is gone for the others.
        own.contact_id, own.deleted, own.revision = None, True, revision
        own.save(update_fields=["contact_id", "deleted", "revision"])
        own = None
    if own is None:
        own = BookEntry(book=book, contact_id=contact.pk, href=name, uid=uid)
    own.stamp, own.revision, own.deleted, own.pinned = contact.updated_at, revision, False, True
    own.save()
