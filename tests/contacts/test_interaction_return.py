from django.urls import reverse

from contacts.models import Interaction

from ..factories import make_contact, make_interaction


def test_the_full_form_returns_to_the_contact_it_was_opened_from(client_owner, owner):
    zoe = make_contact(owner, first_name="Zoe", last_name="Zander")
    anna = make_contact(owner, first_name="Anna", last_name="Adler")
    detail = client_owner.get(zoe.get_absolute_url()).content.decode()
    assert f"?contact={zoe.pk}&amp;next={zoe.get_absolute_url()}" in detail.replace("%2F", "/")

    response = client_owner.post(
        reverse("contacts:interaction_create"),
        {
            "kind": "lunch",
            "date": "2026-11-20",
            "contacts": [zoe.pk, anna.pk],
            "next": zoe.get_absolute_url(),
        },
    )

    assert response.status_code == 302
    assert response.url == zoe.get_absolute_url()
    assert Interaction.objects.get().contacts.count() == 2


def test_editing_from_the_timeline_returns_to_that_timeline(client_owner, owner):
    zoe = make_contact(owner, last_name="Zander")
    anna = make_contact(owner, last_name="Adler")
    interaction = make_interaction(zoe, others=[anna])
    edit_url = reverse("contacts:interaction_edit", args=[interaction.pk])
    assert edit_url in client_owner.get(zoe.get_absolute_url()).content.decode()

    response = client_owner.post(
        edit_url,
        {
            "kind": "call",
            "date": interaction.date.isoformat(),
            "contacts": [zoe.pk, anna.pk],
            "next": zoe.get_absolute_url(),
        },
    )

    assert response.url == zoe.get_absolute_url()


def test_it_ignores_a_next_address_on_another_site(client_owner, owner):
    anna = make_contact(owner, last_name="Adler")

    response = client_owner.post(
        reverse("contacts:interaction_create"),
        {
            "kind": "call",
            "date": "2026-11-20",
            "contacts": [anna.pk],
            "next": "https://evil.example/",
        },
    )

    assert response.url == anna.get_absolute_url()
