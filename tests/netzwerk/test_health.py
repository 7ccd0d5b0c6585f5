import pytest
from django.urls import reverse

from netzwerk import health


@pytest.mark.django_db
def test_health_answers_ok_without_login(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "failed": {}}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_failing_check_gives_503_and_names_only_the_part(client, monkeypatch):
    def broken():
        raise ConnectionError("redis://secret-host:6379 refused")

    monkeypatch.setitem(health._checks, "cache", broken)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "failed": {"cache": "ConnectionError"}}
    assert b"secret-host" not in response.content


@pytest.mark.django_db
def test_health_answers_plain_http_probes_on_a_site_that_redirects_to_https(client, settings):
    """A proxy or orchestrator probes /health from inside the network, without TLS."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("health")).status_code == 200
    assert client.get(reverse("account_login")).status_code == 301


@pytest.mark.django_db
def test_a_container_asks_only_for_the_checks_it_depends_on(client, monkeypatch):
    monkeypatch.setitem(health._checks, "beat", lambda: "no periodic run for 15 minutes")

    assert client.get(reverse("health")).status_code == 503
    answer = client.get(reverse("health"), {"check": "database,cache"})
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "failed": {}}
    assert client.get(reverse("health"), {"check": "beat"}).json()["failed"] == {
        "beat": "no periodic run for 15 minutes"
    }
