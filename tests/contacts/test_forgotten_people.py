"""The keyed hashes of forgotten people: an import asks them whether to skip someone."""

import pytest
from django.test import override_settings

from contacts.models import ForgottenPerson
from contacts.models.forgotten import digest, normalise_phone, normalise_url


def remember(owner, **identifiers):
    pairs = [
        *(("email", v) for v in identifiers.get("emails", [])),
        *(("phone", v) for v in identifiers.get("phones", [])),
        *(("url", v) for v in identifiers.get("urls", [])),
    ]
    return ForgottenPerson.objects.remember(owner, pairs)


def test_the_stored_hash_does_not_contain_the_value(owner):
    remember(owner, emails=["jane@example.com"], phones=["+49 171 1234567"])

    stored = list(ForgottenPerson.objects.for_owner(owner).values_list("digest", flat=True))
    assert len(stored) == 2
    assert all(len(d) == 64 and "jane" not in d and "1711234567" not in d for d in stored)


@pytest.mark.parametrize(
    ("kind", "stored", "asked"),
    [
        ("email", "Jane.Doe@Example.com", " jane.doe@example.com "),
        ("phone", "0171 / 123 45-67", "+49 171 1234567"),
        ("phone", "0049 (171) 1234567", "01711234567"),
        ("url", "https://www.linkedin.com/in/jane-doe/", "http://linkedin.com/in/Jane-Doe?trk=abc"),
    ],
)
def test_a_later_import_finds_the_person_in_another_spelling(owner, kind, stored, asked):
    remember(owner, **{f"{kind}s": [stored]})

    forgotten = ForgottenPerson.objects.for_owner(owner)
    assert forgotten.matches(**{f"{kind}s": [asked]}).exists()
    assert forgotten.screen().skips(**{f"{kind}s": [asked]})


def test_someone_else_is_not_skipped(owner):
    remember(owner, emails=["jane@example.com"], phones=["+49 171 1234567"])

    forgotten = ForgottenPerson.objects.for_owner(owner)
    assert not forgotten.matches(emails=["john@example.com"], phones=["+49 171 7654321"]).exists()
    assert not forgotten.screen().skips(emails=["john@example.com"], urls=["xing.com/profile/x"])


def test_a_person_forgotten_by_one_user_is_not_skipped_for_another(owner, outsider):
    remember(owner, emails=["jane@example.com"])

    assert not ForgottenPerson.objects.for_owner(outsider).matches(emails=["jane@example.com"])


def test_remembering_twice_stores_one_row(owner):
    remember(owner, emails=["jane@example.com", "JANE@example.com"])
    remember(owner, emails=["jane@example.com"])

    assert ForgottenPerson.objects.for_owner(owner).count() == 1


def test_empty_values_are_neither_stored_nor_matched(owner):
    remember(owner, emails=["", "  "], phones=["-"], urls=["https://"])

    assert ForgottenPerson.objects.for_owner(owner).count() == 0
    assert not ForgottenPerson.objects.for_owner(owner).matches(emails=[""]).exists()


def test_hashes_made_before_a_key_rotation_still_match(owner):
    with override_settings(SECRET_KEY="the-old-key-" * 5):
        remember(owner, emails=["jane@example.com"])

    rotated = {"SECRET_KEY": "the-new-key-" * 5, "SECRET_KEY_FALLBACKS": ["the-old-key-" * 5]}
    with override_settings(**rotated):
        forgotten = ForgottenPerson.objects.for_owner(owner)
        assert forgotten.matches(emails=["jane@example.com"]).exists()
        assert forgotten.screen().skips(emails=["jane@example.com"])


def test_the_hash_depends_on_the_key():
    assert digest("email", "jane@example.com", "one-key" * 8) != digest(
        "email", "jane@example.com", "another" * 8
    )


def test_phone_numbers_are_normalised_to_e164():
    assert normalise_phone("0171 1234567") == "+491711234567"
    assert normalise_phone("+43 1 234567") == "+431234567"


def test_profile_urls_lose_scheme_www_query_and_trailing_slash():
    assert normalise_url("https://www.XING.com/profile/Jane_Doe/?sc_o=x#top") == (
        "xing.com/profile/jane_doe"
    )
