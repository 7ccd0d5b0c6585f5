"""The web app's share target: what the phone's share sheet hands over fills "new contact"."""

import pytest

pytestmark = pytest.mark.django_db


def initial(client_owner, **params):
    return client_owner.get("/contacts/new/", params).context["form"].initial


def test_a_shared_linkedin_profile_fills_name_and_link(client_owner):
    form = initial(
        client_owner,
        title="Anna Adler | LinkedIn",
        url="https://de.linkedin.com/in/anna-adler-1a2b3c",
    )

    assert (form["first_name"], form["last_name"]) == ("Anna", "Adler")
    assert form["link_linkedin"] == "https://de.linkedin.com/in/anna-adler-1a2b3c"


def test_a_shared_text_with_a_xing_url_names_the_person_from_the_url(client_owner):
    form = initial(
        client_owner,
        text="Schau dir das Xing-Profil an: https://www.xing.com/profile/Tobias_Brandt2",
    )

    assert (form["first_name"], form["last_name"]) == ("Tobias", "Brandt")
    assert form["link_xing"] == "https://www.xing.com/profile/Tobias_Brandt2"
    assert form["notes"] == "Schau dir das Xing-Profil an:"


def test_a_shared_name_alone_fills_the_name(client_owner):
    form = initial(client_owner, text="Jana Kurz")

    assert (form["first_name"], form["last_name"]) == ("Jana", "Kurz")


def test_another_site_becomes_the_website(client_owner):
    form = initial(client_owner, url="https://jana-kurz.de/")

    assert form["link_website"] == "https://jana-kurz.de/"


def test_nothing_shared_leaves_the_form_empty(client_owner):
    assert initial(client_owner) == {"first_name": ""}
