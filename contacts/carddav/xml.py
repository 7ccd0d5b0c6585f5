"""WebDAV's XML: reading what a client sends, safely, and writing multistatus answers.

lxml reads and writes; the parser resolves no entities, loads no DTD and reaches no network,
and a body with a DOCTYPE is refused outright, so no client can make the server expand
entities (billion laughs) or read files and URLs (XXE).
"""

from collections.abc import Callable, Iterable

from django.http import HttpResponse
from lxml import etree

DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALSERVER = "http://calendarserver.org/ns/"
NAMESPACES = {"d": DAV, "card": CARDDAV, "cs": CALSERVER}
# Larger bodies are no request a CardDAV client sends (a multiget of 10,000 hrefs is ~1 MB).
MAX_BODY = 5 * 1024 * 1024

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


class BadRequest(Exception):
    """The body is no XML this server reads."""


def tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def parse(body: bytes) -> etree._Element | None:
    """The request's XML document, or None for an empty body."""
    if not body.strip():
        return None
    if len(body) > MAX_BODY:
        raise BadRequest("The request body is too large.")
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as error:
        raise BadRequest(f"The request body is no well-formed XML: {error}") from error
    if root.getroottree().docinfo.doctype:
        raise BadRequest("Document type declarations are not accepted.")
    return root


def element(name: str, text: str | None = None, *children) -> etree._Element:
    node = etree.Element(name, nsmap=None)
    if text is not None:
        node.text = text
    for child in children:
        node.append(child)
    return node


def href(url: str) -> etree._Element:
    return element(tag(DAV, "href"), url)


# A property's value: None (not found here), a string, an element or a list of elements.
PropValue = str | etree._Element | list | None


class Multistatus:
    """A 207 Multi-Status answer, built one response at a time."""

    def __init__(self) -> None:
        self.root = etree.Element(tag(DAV, "multistatus"), nsmap=NAMESPACES)

    def add(self, url: str, found: dict[str, PropValue], missing: Iterable[str] = ()) -> None:
        """One resource with the properties it has (200) and the ones it has not (404)."""
        response = etree.SubElement(self.root, tag(DAV, "response"))
        response.append(href(url))
        if found or not missing:
            response.append(_propstat(found, "HTTP/1.1 200 OK"))
        missing = list(missing)
        if missing:
            response.append(_propstat(dict.fromkeys(missing), "HTTP/1.1 404 Not Found"))

    def add_outcomes(self, url: str, outcomes: dict[str, str]) -> None:
        """One resource with a status per property (a PROPPATCH's answer)."""
        response = etree.SubElement(self.root, tag(DAV, "response"))
        response.append(href(url))
        for status in dict.fromkeys(outcomes.values()):
            names = [name for name, outcome in outcomes.items() if outcome == status]
            response.append(_propstat(dict.fromkeys(names), status))

    def add_status(self, url: str, status: str) -> None:
        """One resource by its status alone (a card that is gone: 404)."""
        response = etree.SubElement(self.root, tag(DAV, "response"))
        response.append(href(url))
        etree.SubElement(response, tag(DAV, "status")).text = status

    def add_element(self, node: etree._Element) -> None:
        self.root.append(node)

    def response(self) -> HttpResponse:
        return xml_response(self.root, status=207)


def _propstat(props: dict[str, PropValue], status: str) -> etree._Element:
    propstat = etree.Element(tag(DAV, "propstat"))
    prop = etree.SubElement(propstat, tag(DAV, "prop"))
    for name, value in props.items():
        node = etree.SubElement(prop, name)
        if isinstance(value, str):
            node.text = value
        elif isinstance(value, list):
            for child in value:
                node.append(child)
        elif value is not None:
            node.append(value)
    etree.SubElement(propstat, tag(DAV, "status")).text = status
    return propstat


def xml_response(root: etree._Element, status: int = 200) -> HttpResponse:
    body = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    return HttpResponse(body, status=status, content_type='application/xml; charset="utf-8"')


def error(status: int, condition: str, text: str = "") -> HttpResponse:
    """A failed precondition, named the way RFC 4918 section 16 asks."""
    root = etree.Element(tag(DAV, "error"), nsmap=NAMESPACES)
    node = etree.SubElement(root, condition)
    if text:
        node.text = text
    return xml_response(root, status=status)


def requested_props(root: etree._Element | None) -> tuple[str, list[str]]:
    """What a PROPFIND or REPORT asks for: ("allprop", []), ("propname", []) or
    ("prop", [names])."""
    if root is None:
        return "allprop", []
    if root.find(tag(DAV, "propname")) is not None:
        return "propname", []
    prop = root.find(tag(DAV, "prop"))
    if prop is None:
        return "allprop", []
    return "prop", [child.tag for child in prop if isinstance(child.tag, str)]


def answer_props(
    available: dict[str, Callable[[], PropValue]], mode: str, names: list[str]
) -> tuple[dict[str, PropValue], list[str]]:
    """Split the asked-for properties into found (with their values) and missing."""
    if mode == "propname":
        return dict.fromkeys(available), []
    wanted = names if mode == "prop" else [n for n in available if n not in EXPENSIVE]
    found: dict[str, PropValue] = {}
    missing = []
    for name in wanted:
        produce = available.get(name)
        value = produce() if produce else None
        if value is None:
            missing.append(name)
        else:
            found[name] = value
    return found, missing


# Not part of allprop: a card's data is fetched with GET or a REPORT.
EXPENSIVE = {tag(CARDDAV, "address-data")}
