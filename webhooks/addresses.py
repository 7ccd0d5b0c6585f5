"""Where a webhook may go: http(s) URLs whose host resolves to public addresses only, so a
user cannot make the server send requests into its own network (server-side request
forgery: the cloud metadata service, a database port, the admin of a router).

The check runs when an endpoint is saved (a clear form error) and again for every delivery
against the address that is actually connected: the name is resolved once, every address it
gives must be public, and the request goes to the first of them with the name in the Host
header and in TLS (SNI and certificate check), so a name that resolves to a public address
at the check and to 127.0.0.1 a moment later (DNS rebinding) cannot slip through.
WEBHOOKS_ALLOW_PRIVATE lets an operator send to their own network on purpose.
"""

import dataclasses
import ipaddress
import socket
from urllib.parse import urlsplit, urlunsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeURL(ValueError):
    """The URL may not be sent to; the message says why, in the user's language."""


@dataclasses.dataclass(frozen=True)
class Target:
    scheme: str
    hostname: str
    port: int
    path: str
    addresses: list[Address]

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.hostname}]" if ":" in self.hostname else self.hostname
        return host if self.port == default else f"{host}:{self.port}"

    def pinned_url(self) -> str:
        """The URL with the checked address in place of the name."""
        address = self.addresses[0]
        host = f"[{address}]" if address.version == 6 else str(address)
        return urlunsplit((self.scheme, f"{host}:{self.port}", self.path, "", ""))


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def resolve(url: str) -> Target:
    """The URL's parts and the addresses its host resolves to, all checked; UnsafeURL if it
    may not be sent to."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeURL(_("This is not a valid URL.")) from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURL(_("Only http:// and https:// URLs can receive webhooks."))
    if parts.username is not None or parts.password is not None:
        raise UnsafeURL(_("A webhook URL cannot contain a user name or password."))
    try:
        hostname = parts.hostname.encode("idna").decode("ascii")
        infos = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
    except (UnicodeError, OSError, ValueError) as error:
        raise UnsafeURL(_("The name of this URL's host cannot be found.")) from error
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not settings.WEBHOOKS_ALLOW_PRIVATE and not all(map(is_public, addresses)):
        raise UnsafeURL(
            _("Webhooks go only to public addresses; this host is in a private network.")
        )
    path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return Target(parts.scheme, hostname, port, path, addresses)


class PinnedHostAdapter(HTTPAdapter):
    """Connects to the checked address while TLS still names (and verifies) the host."""

    def __init__(self, hostname: str, **kwargs):
        self.hostname = hostname
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        # urllib3 uses server_hostname for SNI and the certificate's name check (and drops it
        # for plain http).
        kwargs["server_hostname"] = self.hostname
        super().init_poolmanager(*args, **kwargs)


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST to the URL's checked address; the status code. Raises UnsafeURL, or
    requests.RequestException when there was no answer. Redirects are not followed (their
    target would be unchecked) and the answer's body is not read."""
    target = resolve(url)
    with requests.Session() as session:
        # No proxy from the environment: it would connect to the name, not the checked address.
        session.trust_env = False
        adapter = PinnedHostAdapter(target.hostname)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        response = session.post(
            target.pinned_url(),
            data=body,
            headers={**headers, "Host": target.host_header},
            timeout=(settings.WEBHOOKS_TIMEOUT, settings.WEBHOOKS_TIMEOUT),
            allow_redirects=False,
            stream=True,
            # The certificate is checked for the URL's host name (PinnedHostAdapter).
            verify=settings.WEBHOOKS_CA_BUNDLE or True,
        )
        response.close()
        return response.status_code
