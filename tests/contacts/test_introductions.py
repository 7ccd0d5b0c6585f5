"""Introductions: suggestions of pairs with a reason, recording them, double-opt-in drafts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Introduction
from contacts.suggestions import MAX_CIRCLE, suggest_introductions
from reminders.models import FollowUp
from tests.factories import (
    make_contact,
    make_goal,
    make_goal_contact,
    make_group,
    make_introduction,
    make_user,
)

LIST_URL = reverse("contacts:introductions")
CREATE_URL = reverse("contacts:introduction_create")


def pairs(suggestions) -> list[set[str]]:
    return [{s.a.first_name, s.b.first_name} for s in suggestions]


def test_it_suggests_people_who_share_a_tag_with_the_reason(owner):
    make_contact(owner, first_name="Anna", category="einhorn", tags=["Typografie"])
    make_contact(owner, first_name="Ben", tags=["Typografie"])
    make_contact(owner, first_name="Cem", tags=["Segeln"])

    (suggestion,) = suggest_introductions(owner)

    assert {suggestion.a.first_name, suggestion.b.first_name} == {"Anna", "Ben"}
    assert "Typografie" in suggestion.reason


def test_a_shared_goal_and_group_weigh_more_than_one_tag(owner):
    anna = make_contact(owner, first_name="Anna", category="einhorn", tags=["UX"])
    make_contact(owner, first_name="Ben", tags=["UX"])
    cem = make_contact(owner, first_name="Cem")
    goal = make_goal(owner, title="Neue Kundschaft")
    make_goal_contact(goal, anna)
    make_goal_contact(goal, cem)
    make_group(owner, name="IHK", contacts=[anna, cem])

    suggestions = suggest_introductions(owner)

    assert pairs(suggestions) == [{"Anna", "Cem"}, {"Anna", "Ben"}]
    assert "Neue Kundschaft" in suggestions[0].reason and "IHK" in suggestions[0].reason


def test_shared_interests_count_too(owner):
    make_contact(owner, first_name="Anna", interests="Fotografie, Bouldern")
    make_contact(owner, first_name="Ben", interests="bouldern; Kochen")

    (suggestion,) = suggest_introductions(owner)

    assert "Bouldern" in suggestion.reason


def test_shared_interests_are_shown_as_written(owner):
    make_contact(owner, first_name="Anna", interests="UX-Research, KI")
    make_contact(owner, first_name="Ben", interests="ki; ux-research")

    (suggestion,) = suggest_introductions(owner)

    assert "KI" in suggestion.reason
    assert "UX-Research" in suggestion.reason
    assert "ki" not in suggestion.reason


def test_pairs_already_recorded_are_not_suggested(owner):
    anna = make_contact(owner, first_name="Anna", tags=["UX"])
    ben = make_contact(owner, first_name="Ben", tags=["UX"])
    make_introduction(ben, anna)

    assert suggest_introductions(owner) == []


def test_wish_and_archived_contacts_are_not_suggested(owner):
    make_contact(owner, first_name="Anna", tags=["UX"])
    make_contact(owner, first_name="Wunsch", tags=["UX"], status="wish")
    make_contact(owner, first_name="Archiv", tags=["UX"], status="archived")

    assert suggest_introductions(owner) == []


def test_other_users_contacts_never_appear(owner, outsider):
    make_contact(owner, first_name="Anna", interests="Jazz")
    make_contact(outsider, first_name="Fremd", interests="Jazz")

    assert suggest_introductions(owner) == []


def test_one_person_appears_in_at_most_two_suggestions(owner):
    make_contact(owner, first_name="Star", category="einhorn", tags=["A", "B", "C"])
    for name in ("Ada", "Bo", "Ce", "Di"):
        make_contact(owner, first_name=name, tags=["A", "B", "C"])

    suggestions = suggest_introductions(owner)

    assert sum("Star" in pair for pair in pairs(suggestions)) <= 2


def test_a_circle_bigger_than_the_limit_is_no_reason(owner):
    tag_people = [Contact(owner=owner, first_name=f"P{n}") for n in range(MAX_CIRCLE + 1)]
    created = Contact.objects.bulk_create(tag_people)
    tag = make_contact(owner, tags=["Köln"]).tags.get()
    tag.contacts.add(*created)

    assert suggest_introductions(owner) == []


def test_suggestions_for_one_contact_only_pair_that_contact(owner):
    anna = make_contact(owner, first_name="Anna", tags=["UX"])
    make_contact(owner, first_name="Ben", tags=["UX", "Jazz"])
    make_contact(owner, first_name="Cem", tags=["Jazz"])

    assert pairs(suggest_introductions(owner, contact=anna)) == [{"Anna", "Ben"}]


def test_the_page_lists_suggestions_and_records_one_as_an_idea(client_owner, owner):
    make_contact(owner, first_name="Anna", tags=["Typografie"])
    make_contact(owner, first_name="Ben", tags=["Typografie"])
    html = client_owner.get(LIST_URL).content.decode()
    assert html.count('class="row suggestion"') == 1

    (suggestion,) = suggest_introductions(owner)
    response = client_owner.post(
        CREATE_URL,
        {"contact_a": suggestion.a.pk, "contact_b": suggestion.b.pk, "why": suggestion.reason},
    )

    introduction = Introduction.objects.get(owner=owner)
    assert response.url == introduction.get_absolute_url()
    assert introduction.status == "idea" and "Typografie" in introduction.why
    assert client_owner.get(LIST_URL).content.decode().count('class="row suggestion"') == 0


def test_it_stores_a_pair_once_whatever_the_order(client_owner, owner):
    anna, ben = make_contact(owner), make_contact(owner)
    client_owner.post(CREATE_URL, {"contact_a": ben.pk, "contact_b": anna.pk})

    response = client_owner.post(CREATE_URL, {"contact_a": anna.pk, "contact_b": ben.pk})

    assert response.status_code == 422
    introduction = Introduction.objects.get()
    assert (introduction.contact_a, introduction.contact_b) == (anna, ben)


def test_it_refuses_a_person_with_themselves_and_other_users_contacts(
    client_owner, owner, outsider
):
    anna, foreign = make_contact(owner), make_contact(outsider)

    assert (
        client_owner.post(CREATE_URL, {"contact_a": anna.pk, "contact_b": anna.pk}).status_code
        == 422
    )
    assert (
        client_owner.post(CREATE_URL, {"contact_a": anna.pk, "contact_b": foreign.pk}).status_code
        == 422
    )
    assert not Introduction.objects.exists()


def test_the_create_page_finds_the_second_person(client_owner, owner):
    anna = make_contact(owner, first_name="Anna")
    make_contact(owner, first_name="Bruno", last_name="Berg")

    html = client_owner.get(CREATE_URL, {"a": anna.pk, "q": "berg"}).content.decode()

    assert "Bruno Berg" in html and f"a={anna.pk}&amp;b=" in html


def test_marking_it_made_dates_it_and_hands_over_the_follow_up(client_owner, owner, monkeypatch):
    scheduled = []
    monkeypatch.setattr("contacts.extensions.introduction_made", [scheduled.append])
    introduction = make_introduction(make_contact(owner), make_contact(owner))

    client_owner.post(
        reverse("contacts:introduction_progress", args=[introduction.pk]), {"progress": "made"}
    )

    introduction.refresh_from_db()
    assert introduction.status == "made" and introduction.made_on == timezone.localdate()
    assert scheduled == [introduction]

    client_owner.post(
        reverse("contacts:introduction_progress", args=[introduction.pk]),
        {"progress": "fruitful"},
    )
    introduction.refresh_from_db()
    assert introduction.status == "fruitful"


def test_marking_it_made_plans_a_follow_up_to_ask_how_it_went(client_owner, owner):
    anna = make_contact(owner, first_name="Anna")
    ben = make_contact(owner, first_name="Ben", last_name="Berg")
    introduction = make_introduction(anna, ben)
    url = reverse("contacts:introduction_progress", args=[introduction.pk])

    client_owner.post(url, {"progress": "made"})
    client_owner.post(url, {"progress": "made"})

    (follow_up,) = FollowUp.objects.for_owner(owner)
    assert follow_up.contact == anna
    assert follow_up.due_on == timezone.localdate() + datetime.timedelta(days=21)
    assert "Ben Berg" in follow_up.text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Ask how the introduction to Ben Berg went"),
        ("de", "Fragen, wie die Vorstellung mit Ben Berg gelaufen ist"),
    ],
)
def test_the_planned_follow_up_reads_in_the_language_of_whoever_looks(
    client_owner, owner, language, text
):
    anna = make_contact(owner, first_name="Anna")
    ben = make_contact(owner, first_name="Ben", last_name="Berg")
    introduction = make_introduction(anna, ben)
    owner.language = "en" if language == "de" else "de"
    owner.save()
    client_owner.post(
        reverse("contacts:introduction_progress", args=[introduction.pk]), {"progress": "made"}
    )

    owner.language = language
    owner.save()
    page = client_owner.get(anna.get_absolute_url()).content.decode()
    listing = client_owner.get(reverse("reminders:followup_list")).content.decode()

    assert text in page
    assert text in listing


def test_the_detail_page_drafts_both_double_opt_in_messages(client_owner, owner):
    anna = make_contact(owner, first_name="Anna", last_name="Adler", company="Studio A")
    ben = make_contact(owner, first_name="Ben", last_name="Berg", role="Fotograf")
    introduction = make_introduction(anna, ben, why="beide machen Buchgestaltung")

    html = client_owner.get(introduction.get_absolute_url()).content.decode()

    assert html.count('class="copy-text"') == 2
    assert 'id="draft-a"' in html and 'id="draft-b"' in html
    drafts = {person: text for person, _voice, text in introduction.opt_in_drafts("Olga", "en")}
    assert "Ben Berg (Fotograf)" in drafts[anna] and "Dear Anna Adler" in drafts[anna]
    assert "Anna Adler (Studio A)" in drafts[ben] and "Buchgestaltung" in drafts[ben]
    assert drafts[ben].endswith("Olga")


def test_each_person_is_asked_in_their_own_language_and_form_of_address(client_owner, owner):
    anna = make_contact(owner, first_name="Anna", last_name="Adler", address_form="du")
    ben = make_contact(
        owner, first_name="Ben", last_name="Berg", address_form="sie", message_language="en"
    )
    cem = make_contact(owner, first_name="Cem", last_name="Çelik")
    cem.log_interaction("coffee", timezone.localdate())
    first = make_introduction(anna, ben, why="beide machen Buchgestaltung")
    second = make_introduction(ben, cem)

    html = client_owner.get(first.get_absolute_url()).content.decode()
    other = client_owner.get(second.get_absolute_url()).content.decode()

    assert "Hallo Anna," in html
    assert "Wäre das für dich in Ordnung? Dann frage ich auch Ben und" in html
    assert "Dear Ben Berg," in html
    assert "Would that be all right with you? If so, I will ask Anna Adler too" in html
    # Cem chose nothing: German (the owner's language), "du" after a logged coffee.
    assert "Hallo Cem," in other and "Wäre das für dich in Ordnung?" in other
    assert reverse("contacts:contact_voice", args=[ben.pk]) in html


def test_the_writing_page_saves_the_choice_and_goes_back(client_owner, owner):
    ben = make_contact(owner)
    url = reverse("contacts:contact_voice", args=[ben.pk])
    back = "/contacts/introductions/"

    assert client_owner.get(url + "?next=https://evil.example").status_code == 200
    response = client_owner.post(
        url, {"address_form": "sie", "message_language": "en", "next": back}
    )

    assert response.url == back
    ben.refresh_from_db()
    assert (ben.address_form, ben.message_language) == ("sie", "en")
    assert client_owner.post(url, {"address_form": "ihr"}).status_code == 422


def test_the_contact_page_lists_its_introductions(client_owner, owner):
    anna, ben = make_contact(owner), make_contact(owner, first_name="Benedikt")
    make_introduction(anna, ben)

    html = client_owner.get(anna.get_absolute_url()).content.decode()

    assert "Benedikt" in html


def build_network(size: int, tags: int):
    user = make_user()
    contacts = Contact.objects.bulk_create(
        [
            Contact(
                owner=user,
                first_name=f"P{n}",
                category=["einhorn", "flamingo", "pinguin"][n % 3],
                interests="Jazz" if n % 10 == 0 else "",
            )
            for n in range(size)
        ]
    )
    tag_objects = [
        make_contact(user).tags.model.objects.create(owner=user, name=f"T{n}") for n in range(tags)
    ]
    through = Contact.tags.through
    through.objects.bulk_create(
        [
            through(contact_id=c.pk, tag_id=tag_objects[(n + k) % tags].pk)
            for n, c in enumerate(contacts)
            for k in range(2)
        ]
    )
    goal = make_goal(user)
    for contact in contacts[:5]:
        make_goal_contact(goal, contact)
    make_group(user, contacts=contacts[:6])
    make_introduction(contacts[0], contacts[1])
    return user


@pytest.mark.parametrize("params", [{}, "contact"])
def test_the_suggestions_page_runs_the_same_queries_for_small_and_big_networks(client, db, params):
    queries = {}
    # Both networks have more contacts than suggestion seeds, so both take the same path.
    for name, user in (("small", build_network(60, 6)), ("big", build_network(600, 60))):
        client.force_login(user)
        query = (
            {"contact": Contact.objects.filter(owner=user).order_by("pk").first().pk}
            if params
            else {}
        )
        client.get(LIST_URL, query)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST_URL, query)
        assert response.status_code == 200
        assert 'class="row suggestion"' in response.content.decode()
        queries[name] = [q["sql"] for q in captured.captured_queries]

    listing = "\n".join(queries["small"] + ["-- big"] + queries["big"])
    assert len(queries["small"]) == len(queries["big"]), listing
    # Session, user, (the focus contact), seeds, tags, goals, groups, known pairs, partners,
    # the recorded introductions.
    assert len(queries["big"]) <= 11, listing
