"""A second, independent client: plain httpx against the running server, with the requests
of the RFCs' own examples (RFC 6764 section 6, RFC 5397 section 3, RFC 6352 sections 6.1,
6.2.3, 7.1.1 and 8.7.1, RFC 6578 section 3.8), read with lxml as a client would."""

import httpx
import pytest
from lxml import etree

from contacts.carddav.models import AddressBook, AppPassword
from tests.factories import make_contact

pytestmark = pytest.mark.django_db(transaction=True)

NS = {"D": "DAV:", "C": "urn:ietf:params:xml:ns:carddav", "CS": "http://calendarserver.org/ns/"}


@pytest.fixture
def http(owner, live_server):
    password = AppPassword.create_for(owner, "httpx")[1]
    with httpx.Client(base_url=live_server.url, auth=(owner.email, password)) as client:
        yield client


def xml(response) -> etree._Element:
    assert response.status_code == 207, response.text
    return etree.fromstring(response.content)


def propfind(http, url: str, body: str, depth: str = "0"):
    return http.request(
        "PROPFIND", url, content=body, headers={"Depth": depth, "Content-Type": "text/xml"}
    )


def test_a_client_finds_the_address_books_from_the_host_name_alone(owner, http):
    make_contact(owner, first_name="Carla", last_name="Client", emails=["carla@example.org"])
    AddressBook.objects.create(owner=owner, name="Netzwerk")

    # RFC 6764: the well-known URI redirects to the context path.
    start = http.request("PROPFIND", "/.well-known/carddav", headers={"Depth": "0"})
    assert start.status_code == 301
    context_path = start.headers["Location"]

    # RFC 5397: the current user's principal.
    root = xml(
        propfind(
            http,
            context_path,
            '<?xml version="1.0" encoding="utf-8" ?><D:propfind xmlns:D="DAV:"><D:prop>'
            "<D:current-user-principal/></D:prop></D:propfind>",
        )
    )
    principal = root.findtext(".//D:current-user-principal/D:href", namespaces=NS)

    # RFC 6352 7.1.1: where the principal's address books live.
    root = xml(
        propfind(
            http,
            principal,
            '<?xml version="1.0" encoding="utf-8" ?><D:propfind xmlns:D="DAV:" '
            'xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><C:addressbook-home-set/>'
            "</D:prop></D:propfind>",
        )
    )
    home = root.findtext(".//C:addressbook-home-set/D:href", namespaces=NS)

    # RFC 6352 6.2.3 and 6.1: the books, their address-data types, ctag and sync token.
    root = xml(
        propfind(
            http,
            home,
            '<?xml version="1.0" encoding="utf-8" ?><D:propfind xmlns:D="DAV:" '
            'xmlns:C="urn:ietf:params:xml:ns:carddav" xmlns:CS="http://calendarserver.org/ns/">'
            "<D:prop><D:resourcetype/><D:displayname/><C:supported-address-data/>"
            "<CS:getctag/><D:sync-token/></D:prop></D:propfind>",
            depth="1",
        )
    )
    books = [
        response
        for response in root.iterfind("D:response", NS)
        if response.find(".//D:resourcetype/C:addressbook", NS) is not None
    ]
    assert len(books) == 1
    (book,) = books
    assert book.findtext(".//D:displayname", namespaces=NS) == "Netzwerk"
    versions = {node.get("version") for node in book.iterfind(".//C:address-data-type", NS)}
    assert versions == {"3.0", "4.0"}
    assert book.findtext(".//CS:getctag", namespaces=NS)
    book_url = book.findtext("D:href", namespaces=NS)
    options = http.request("OPTIONS", book_url)
    assert "addressbook" in options.headers["DAV"]

    # RFC 6578 3.8: the initial sync-collection, then one with its token.
    sync = (
        '<?xml version="1.0" encoding="utf-8" ?><D:sync-collection xmlns:D="DAV:">'
        "<D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level>"
        "<D:prop><D:getetag/></D:prop></D:sync-collection>"
    )
    root = xml(http.request("REPORT", book_url, content=sync.format(token="")))
    (card,) = root.iterfind("D:response", NS)
    card_href = card.findtext("D:href", namespaces=NS)
    token = root.findtext("D:sync-token", namespaces=NS)
    again = xml(http.request("REPORT", book_url, content=sync.format(token=token)))
    assert again.find("D:response", NS) is None

    # RFC 6352 8.7.1: addressbook-multiget of that card.
    root = xml(
        http.request(
            "REPORT",
            book_url,
            content='<?xml version="1.0" encoding="utf-8" ?><C:addressbook-multiget '
            'xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/>'
            f"<C:address-data/></D:prop><D:href>{card_href}</D:href></C:addressbook-multiget>",
        )
    )
    data = root.findtext(".//C:address-data", namespaces=NS)
    assert "EMAIL:carla@example.org" in data
    assert root.findtext(".//D:getetag", namespaces=NS) == card.findtext(
        ".//D:getetag", namespaces=NS
    )


def test_xml_with_a_document_type_is_refused_unread(owner, http):
    book = AddressBook.objects.create(owner=owner, name="Netzwerk")
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<D:propfind xmlns:D="DAV:"><D:prop><D:displayname>&lol2;</D:displayname></D:prop>'
        "</D:propfind>"
    )

    answer = propfind(http, f"/dav/books/{book.pk}/", bomb)

    assert answer.status_code == 400


def test_xml_that_is_not_well_formed_is_a_400(owner, http):
    book = AddressBook.objects.create(owner=owner, name="Netzwerk")

    answer = http.request("REPORT", f"/dav/books/{book.pk}/", content="<D:sync-collection")

    assert answer.status_code == 400


def test_a_method_dav_does_not_offer_here_is_a_405(owner, http):
    book = AddressBook.objects.create(owner=owner, name="Netzwerk")

    answer = http.request("POST", f"/dav/books/{book.pk}/", content="")

    assert answer.status_code == 405
    assert "PROPFIND" in answer.headers["Allow"]


def test_an_unsupported_report_is_named(owner, http):
    book = AddressBook.objects.create(owner=owner, name="Netzwerk")

    answer = http.request(
        "REPORT", f"/dav/books/{book.pk}/", content='<D:expand-property xmlns:D="DAV:"/>'
    )

    assert answer.status_code == 403
    assert b"supported-report" in answer.content
