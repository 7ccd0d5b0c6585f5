import base64

import pytest
from django.test import Client

from contacts.carddav.models import AddressBook, AppPassword


def basic(email: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()


class Dav:
    """A CardDAV client on Django's test client: one signed-in device."""

    def __init__(self, email: str, password: str):
        self.client = Client()
        self.auth = basic(email, password)
        self.auth_password = password

    def request(self, method: str, path: str, body: str = "", content_type=None, **headers):
        extra = {"HTTP_AUTHORIZATION": self.auth}
        extra.update({f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})
        if content_type is None:
            content_type = "text/vcard" if body.startswith("BEGIN:VCARD") else "application/xml"
        return self.client.generic(method, path, body, content_type=content_type, **extra)

    def etag(self, path: str) -> str:
        return self.request("GET", path).headers["ETag"]


@pytest.fixture
def device(owner):
    return AppPassword.create_for(owner, "iPhone")


@pytest.fixture
def dav(owner, device) -> Dav:
    return Dav(owner.email, device[1])


@pytest.fixture
def book(owner) -> AddressBook:
    return AddressBook.objects.create(owner=owner, name="Netzwerk")


@pytest.fixture
def outsider_dav(outsider) -> Dav:
    return Dav(outsider.email, AppPassword.create_for(outsider, "Pixel")[1])
