import json

import pytest
from django.test import Client

from api.models import ApiToken, Scope


class ApiClient:
    """A test client that speaks JSON with a bearer token."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def _send(self, method: str, path: str, body=None, **headers):
        kwargs = {**self.headers, **headers}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method)(path, **kwargs)

    def get(self, path, **headers):
        return self._send("get", path, **headers)

    def post(self, path, body=None, **headers):
        return self._send("post", path, body if body is not None else {}, **headers)

    def put(self, path, body, **headers):
        return self._send("put", path, body, **headers)

    def patch(self, path, body, **headers):
        return self._send("patch", path, body, **headers)

    def delete(self, path, **headers):
        return self._send("delete", path, **headers)


@pytest.fixture
def owner_api(owner) -> ApiClient:
    return ApiClient(ApiToken.create_for(owner, "Skript", Scope.WRITE)[1])


@pytest.fixture
def outsider_api(outsider) -> ApiClient:
    return ApiClient(ApiToken.create_for(outsider, "Skript", Scope.WRITE)[1])


@pytest.fixture
def reader_api(owner) -> ApiClient:
    return ApiClient(ApiToken.create_for(owner, "Leser", Scope.READ)[1])
