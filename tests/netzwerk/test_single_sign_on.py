"""Single sign-on with OpenID Connect, against a small identity provider run in the test."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from netzwerk.models import User
from tests.factories import make_user

LOGIN_URL = reverse("account_login")
START_URL = reverse("openid_connect_login", kwargs={"provider_id": "sso"})
CALLBACK_URL = reverse("openid_connect_callback", kwargs={"provider_id": "sso"})
CLIENT_ID = "netzwerk"
CLIENT_SECRET = "s3cret-from-the-provider"


class StubIssuer(ThreadingHTTPServer):
    """Discovery, authorization (never visited: the test plays the browser), token, JWKS
    and userinfo endpoints; id_tokens are signed with an RSA key made for the test."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), StubHandler)
        self.url = f"http://127.0.0.1:{self.server_port}"
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims: dict = {}
        self.nonce: str | None = None
        self.token_requests: list[dict] = []

    def id_token(self) -> str:
        now = int(time.time())
        payload = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            **({"nonce": self.nonce} if self.nonce else {}),
            **self.claims,
        }
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": "test-key"})

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": "test-key", "use": "sig", "alg": "RS256"}]}


class StubHandler(BaseHTTPRequestHandler):
    server: StubIssuer

    def log_message(self, *args):
        pass

    def answer(self, data: dict) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        issuer = self.server
        if self.path == "/.well-known/openid-configuration":
            self.answer(
                {
                    "issuer": issuer.url,
                    "authorization_endpoint": f"{issuer.url}/authorize",
                    "token_endpoint": f"{issuer.url}/token",
                    "userinfo_endpoint": f"{issuer.url}/userinfo",
                    "jwks_uri": f"{issuer.url}/jwks",
                    "token_endpoint_auth_methods_supported": ["client_secret_post"],
                }
            )
        elif self.path == "/jwks":
            self.answer(issuer.jwks())
        elif self.path == "/userinfo":
            self.answer(issuer.claims)
        else:
            self.send_error(404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        self.server.token_requests.append(form)
        if self.path != "/token" or form.get("code") != "the-code":
            self.send_error(400)
            return
        self.answer(
            {
                "access_token": "access-for-the-test",
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": self.server.id_token(),
            }
        )


@pytest.fixture
def issuer(settings, db):
    server = StubIssuer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "sso",
                    "name": "Firmen-Login",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": server.url},
                }
            ]
        }
    }
    yield server
    server.shutdown()
    server.server_close()


def sign_in_at_the_provider(client: Client, issuer: StubIssuer, **claims):
    """Start on our site, 'sign in' at the provider, come back with a code."""
    start = client.post(START_URL)
    assert start.status_code == 302
    assert start.url.startswith(f"{issuer.url}/authorize?")
    query = {k: v[0] for k, v in parse_qs(urlsplit(start.url).query).items()}
    assert query["client_id"] == CLIENT_ID
    assert query["redirect_uri"].endswith(CALLBACK_URL)
    issuer.nonce = query.get("nonce")
    issuer.claims = {"sub": "user-42", "email_verified": True, **claims}
    return client.get(CALLBACK_URL, {"code": "the-code", "state": query["state"]})


def test_the_login_page_offers_the_provider_when_configured(client, issuer):
    page = client.get(LOGIN_URL)

    assert "Firmen-Login" in page.text
    assert START_URL in page.text


def test_without_configuration_there_is_no_single_sign_on(client, db):
    assert "/accounts/oidc/" not in client.get(LOGIN_URL).text
    assert client.post(START_URL).status_code == 404


def test_a_new_user_signs_in_with_the_provider(client, issuer):
    response = sign_in_at_the_provider(client, issuer, email="sina@example.com", given_name="Sina")

    assert response.status_code == 302
    user = User.objects.get(email="sina@example.com")
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.get(reverse("contacts:list")).status_code == 200
    (token_request,) = issuer.token_requests
    assert token_request["client_id"] == CLIENT_ID
    assert token_request["client_secret"] == CLIENT_SECRET


def test_the_same_person_signs_in_again_to_the_same_account(client, issuer):
    sign_in_at_the_provider(client, issuer, email="sina@example.com")
    client.post(reverse("account_logout"))

    again = Client()
    sign_in_at_the_provider(again, issuer, email="sina@example.com")

    assert User.objects.filter(email="sina@example.com").count() == 1
    assert again.session[SESSION_KEY] == str(User.objects.get(email="sina@example.com").pk)


def test_the_provider_cannot_take_over_an_existing_account(client, issuer):
    owner = make_user("owner@example.com")

    sign_in_at_the_provider(client, issuer, email=owner.email)

    assert client.session.get(SESSION_KEY) != str(owner.pk)


def test_a_wrong_state_is_refused_without_asking_the_provider(client, issuer):
    client.post(START_URL)

    response = client.get(CALLBACK_URL, {"code": "the-code", "state": "forged"})

    assert response.status_code == 401
    assert SESSION_KEY not in client.session
    assert issuer.token_requests == []
