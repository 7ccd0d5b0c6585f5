import pytest
from django.urls import reverse

from netzwerk.models import User


def sign_up(client, email: str, **headers):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": "ein-Gutes-passwort-7", "password2": "ein-Gutes-passwort-7"},
        **headers,
    )


@pytest.mark.django_db
def test_an_english_visitor_signs_up_into_an_english_account(client):
    sign_up(client, "new@example.com", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    user = User.objects.get(email="new@example.com")
    assert user.language == "en"
    assert client.get(reverse("contacts:list"))["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_visitor_with_an_unsupported_language_gets_german(client):
    sign_up(client, "neu@example.com", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")

    assert User.objects.get(email="neu@example.com").language == "de"
