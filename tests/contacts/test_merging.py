"""Merging two contacts (contacts/merging.py): every related row of every app follows the
survivor, fields are chosen, lists united, and the statements do not grow with the rows."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.carddav.models import ContactCard
from contacts.merging import OTHER, SURVIVOR, MergeError, contact_relations
from contacts.models import (
    Contact,
    ContactMark,
    Introduction,
    NotDuplicate,
    ProfileLink,
    RequestPrep,
)
from strategy.models import GoalContact
from tests.factories import (
    make_contact,
    make_follow_up,
    make_goal,
    make_goal_contact,
    make_group,
    make_help,
    make_important_date,
    make_interaction,
    make_introduction,
    make_lunch,
    make_nudge,
    make_request_prep,
    make_tag,
    make_user,
)


class Pair:
    """Two records of one person with one or more rows in every relation, some of them
    colliding (the same tag, interaction, lunch, group, goal, introduction partner), and the
    rows each relation should hold for the survivor after the merge."""

    def __init__(self, owner):
        self.owner = owner
        # Ids in this order: the other is older than the survivor, so introductions must
        # swap sides to stay ordered.
        self.elder = make_contact(owner, first_name="Elder")
        self.other = make_contact(owner, first_name="Jürgen", last_name="Weiss")
        self.middle = make_contact(owner, first_name="Middle")
        self.survivor = make_contact(owner, first_name="Jürgen", last_name="Weiß")
        self.younger = make_contact(owner, first_name="Younger")
        self.expected: dict[str, int] = {}

    def build(self, key: str) -> None:
        getattr(self, "build_" + key.replace(".", "_").lower())()

    # One builder per relation to Contact, named after "app_label.Model.field".

    def build_contacts_contact_tags_contact(self):
        shared = make_tag(self.owner, "Design")
        self.survivor.tags.add(shared)
        self.other.tags.add(shared, make_tag(self.owner, "Köln"))
        self.expected["contacts.Contact_tags.contact"] = 2

    def build_contacts_profilelink_contact(self):
        self.survivor.set_links({"linkedin": "https://www.linkedin.com/in/jw-old"})
        self.other.set_links(
            {
                "linkedin": "https://www.linkedin.com/in/jw",
                "xing": "https://www.xing.com/profile/jw",
            }
        )
        self.expected["contacts.ProfileLink.contact"] = 2

    def build_contacts_interactioncontact_contact(self):
        make_interaction(self.survivor, notes="Gemeinsam", others=[self.other])
        make_interaction(self.other, days_ago=400, notes="Typografie-Abend")
        make_interaction(self.survivor, days_ago=2)
        self.expected["contacts.InteractionContact.contact"] = 3

    def build_contacts_helpentry_contact(self):
        make_help(self.survivor)
        make_help(self.other, note="Preisliste")
        self.expected["contacts.HelpEntry.contact"] = 2

    def build_contacts_introduction_contact_a(self):
        make_introduction(self.other, self.survivor, why="they are one")
        # The other as A, with a partner whose id lies between the two.
        make_introduction(self.other, self.middle, why="as A")
        # Both were to meet the younger one: the survivor's introduction stays.
        make_introduction(self.other, self.younger, why="duplicate")
        make_introduction(self.survivor, self.younger, why="kept")

    def build_contacts_introduction_contact_b(self):
        make_introduction(self.elder, self.other, why="as B")
        # With the two above: middle, younger (kept), elder.
        self.expected["contacts.Introduction.contact_a"] = 1
        self.expected["contacts.Introduction.contact_b"] = 2

    def build_contacts_notduplicate_contact_a(self):
        NotDuplicate.objects.dismiss(self.owner, self.other, self.survivor)
        NotDuplicate.objects.dismiss(self.owner, self.other, self.middle)
        NotDuplicate.objects.dismiss(self.owner, self.other, self.younger)
        NotDuplicate.objects.dismiss(self.owner, self.survivor, self.younger)

    def build_contacts_notduplicate_contact_b(self):
        NotDuplicate.objects.dismiss(self.owner, self.elder, self.other)
        self.expected["contacts.NotDuplicate.contact_a"] = 1
        self.expected["contacts.NotDuplicate.contact_b"] = 2

    def build_contacts_requestprep_contact(self):
        make_request_prep(self.survivor, shared="Typografie")
        make_request_prep(self.other, does_today="Gestaltet Schriften", shared="Köln")
        self.expected["contacts.RequestPrep.contact"] = 1

    def build_carddav_contactcard_contact(self):
        ContactCard.objects.create(contact=self.other, owner=self.owner, uid=str(uuid.uuid4()))
        self.expected["carddav.ContactCard.contact"] = 1

    def build_reminders_followup_contact(self):
        make_follow_up(self.survivor, days_from_today=3)
        make_follow_up(self.other, days_from_today=1, note="Angebot")
        self.expected["reminders.FollowUp.contact"] = 2

    def build_reminders_importantdate_contact(self):
        make_important_date(self.other, day=1, month=4, year=2015)
        self.expected["reminders.ImportantDate.contact"] = 1

    def build_reminders_lunch_contacts_contact(self):
        make_lunch(self.owner, self.survivor, self.other, days_from_today=1)
        make_lunch(self.owner, self.other, days_from_today=-3)
        self.expected["reminders.Lunch_contacts.contact"] = 2

    def build_contacts_contactsearch_contact(self):
        # Each contact has its search row from the start; the survivor keeps one.
        self.expected["contacts.ContactSearch.contact"] = 1

    def build_contacts_contactmark_contact(self):
        # Both queued by a tag change: the survivor is marked twice, which does no harm.
        for contact in (self.survivor, self.other):
            ContactMark.objects.create(owner=self.owner, contact=contact)
        self.expected["contacts.ContactMark.contact"] = 2

    def build_reminders_nudge_contact(self):
        make_nudge(self.owner, "touch", contact=self.survivor)
        make_nudge(self.owner, "touch", contact=self.other)
        self.expected["reminders.Nudge.contact"] = 2

    def build_strategy_goalcontact_contact(self):
        shared, own = make_goal(self.owner), make_goal(self.owner)
        make_goal_contact(shared, self.survivor, next_step="kept")
        make_goal_contact(shared, self.other, next_step="duplicate")
        make_goal_contact(own, self.other, next_step="Kaffee")
        self.expected["strategy.GoalContact.contact"] = 2

    def build_strategy_group_contacts_contact(self):
        make_group(self.owner, contacts=[self.survivor, self.other])
        make_group(self.owner, contacts=[self.other])
        self.expected["strategy.Group_contacts.contact"] = 2


def relation_key(foreign_key) -> str:
    return f"{foreign_key.model._meta.label}.{foreign_key.name}"


def rows_naming(foreign_key, contact) -> int:
    return foreign_key.model._base_manager.filter(**{foreign_key.name: contact}).count()


def full_pair(owner) -> Pair:
    pair = Pair(owner)
    for foreign_key in contact_relations():
        key = relation_key(foreign_key)
        assert hasattr(pair, "build_" + key.replace(".", "_").lower()), (
            f"{key} points at Contact: add a builder to Pair so the merge test covers it"
        )
        pair.build(key)
    return pair


@pytest.mark.django_db
def test_every_row_of_every_app_follows_the_survivor(owner):
    pair = full_pair(owner)
    for foreign_key in contact_relations():
        assert rows_naming(foreign_key, pair.other), f"no row of {relation_key(foreign_key)}"

    Contact.objects.merge(pair.survivor, pair.other)

    assert not Contact.objects.filter(pk=pair.other.pk).exists()
    for foreign_key in contact_relations():
        key = relation_key(foreign_key)
        assert rows_naming(foreign_key, pair.other) == 0, key
        assert rows_naming(foreign_key, pair.survivor) == pair.expected[key], key


@pytest.mark.django_db
def test_introductions_keep_their_pairs_ordered_and_lose_the_one_between_the_two(owner):
    pair = full_pair(owner)
    Contact.objects.merge(pair.survivor, pair.other)

    pairs = {
        (i.contact_a_id, i.contact_b_id): i.why for i in Introduction.objects.filter(owner=owner)
    }
    s = pair.survivor.pk
    assert pairs == {
        (pair.elder.pk, s): "as B",
        (pair.middle.pk, s): "as A",
        (s, pair.younger.pk): "kept",
    }


@pytest.mark.django_db
def test_collisions_keep_the_survivors_row(owner):
    pair = full_pair(owner)
    Contact.objects.merge(pair.survivor, pair.other)

    links = GoalContact.objects.filter(contact=pair.survivor)
    assert set(links.values_list("next_step", flat=True)) == {"kept", "Kaffee"}
    assert sorted(pair.survivor.tags.values_list("name", flat=True)) == ["Design", "Köln"]
    shared = pair.survivor.interactions.get(notes="Gemeinsam")
    assert list(shared.contacts.all()) == [pair.survivor]


@pytest.mark.django_db
def test_a_request_prep_on_both_keeps_the_survivors_answers_and_fills_the_blanks(owner):
    pair = full_pair(owner)
    Contact.objects.merge(pair.survivor, pair.other)

    prep = RequestPrep.objects.get(contact=pair.survivor)
    assert (prep.does_today, prep.shared) == ("Gestaltet Schriften", "Typografie")


@pytest.mark.django_db
def test_the_survivor_has_the_others_last_contact_and_is_found_by_what_the_other_had(owner):
    other = make_contact(owner, first_name="Zoë", emails=["zoe@example.com"], tags=["Bauhaus"])
    survivor = make_contact(owner, first_name="Zoe")
    make_interaction(other, days_ago=1, notes="Schriftmusterbuch")

    merged = Contact.objects.merge(survivor, other)

    assert merged.last_contacted_on == timezone.localdate() - datetime.timedelta(days=1)
    found = Contact.objects.for_owner(owner)
    for word in ("bauhaus", "schriftmusterbuch", "zoe@example.com"):
        assert list(found.search(word)) == [merged], word


@pytest.mark.django_db
def test_the_user_picks_each_field_and_blanks_are_filled_by_default(owner):
    other = make_contact(
        owner,
        first_name="Juergen",
        last_name="Weiß",
        company="Weiß & Söhne",
        city="Köln",
        birthday_day=29,
        birthday_month=2,
        category="einhorn",
    )
    survivor = make_contact(
        owner, first_name="Jürgen", last_name="Weiss", birthday_day=1, birthday_month=3
    )
    survivor.birthday_year = 1980
    survivor.save()

    merged = Contact.objects.merge(
        survivor, other, {"last_name": OTHER, "birthday": OTHER, "first_name": SURVIVOR}
    )

    assert (merged.first_name, merged.last_name) == ("Jürgen", "Weiß")
    # Blank on the survivor: filled from the other without asking.
    assert (merged.company, merged.city) == ("Weiß & Söhne", "Köln")
    # One birthday, whole: the year does not stay behind from the survivor's.
    assert merged.birthday == datetime.date(2000, 2, 29) and merged.birthday_year is None
    # The category has a default on every contact; the survivor's stays unless chosen.
    assert merged.category == "pinguin"


@pytest.mark.django_db
def test_emails_and_phones_are_united_without_duplicates_after_normalising(owner):
    other = make_contact(
        owner,
        emails=["Anna@Example.com", "anna@work.example"],
        phones=["030 123456", "+49 171 1234567"],
    )
    survivor = make_contact(owner, emails=["anna@example.com"], phones=["+49 30 123456"])

    merged = Contact.objects.merge(survivor, other)

    assert merged.emails == ["anna@example.com", "anna@work.example"]
    assert merged.phones == ["+49 30 123456", "+49 171 1234567"]


@pytest.mark.django_db
def test_a_link_on_both_takes_the_chosen_url(owner):
    other = make_contact(owner)
    other.set_links({"linkedin": "https://www.linkedin.com/in/new"})
    survivor = make_contact(owner)
    survivor.set_links({"linkedin": "https://www.linkedin.com/in/old"})

    Contact.objects.merge(survivor, other, {"link:linkedin": OTHER})

    assert list(ProfileLink.objects.values_list("contact_id", "url")) == [
        (survivor.pk, "https://www.linkedin.com/in/new")
    ]


@pytest.mark.django_db
def test_contacts_of_two_users_or_one_contact_twice_cannot_be_merged(owner, outsider):
    mine, theirs = make_contact(owner), make_contact(outsider)
    with pytest.raises(MergeError):
        Contact.objects.merge(mine, theirs)
    with pytest.raises(MergeError):
        Contact.objects.merge(mine, mine)
    assert Contact.objects.filter(pk__in=[mine.pk, theirs.pk]).count() == 2


def merge_queries(owner, interactions: int) -> int:
    pair = full_pair(owner)
    for n in range(interactions):
        make_interaction(pair.other, days_ago=n, notes=f"Treffen {n}")
        make_help(pair.other)
    with CaptureQueriesContext(connection) as captured:
        Contact.objects.merge(pair.survivor, pair.other)
    assert pair.survivor.interactions.count() == interactions + 3
    return len(captured)


@pytest.mark.django_db
def test_a_merge_runs_the_same_number_of_statements_for_10_and_100_related_rows():
    small = merge_queries(make_user(), 10)
    big = merge_queries(make_user(), 100)
    assert small == big


@pytest.mark.django_db
def test_a_merge_that_fails_halfway_changes_nothing(owner, monkeypatch):
    pair = full_pair(owner)
    before = {
        relation_key(fk): (rows_naming(fk, pair.survivor), rows_naming(fk, pair.other))
        for fk in contact_relations()
    }

    def broken(survivor, other):
        raise RuntimeError("the database went away")

    # The dismissals come after tags, links and interactions have been moved.
    monkeypatch.setattr(NotDuplicate, "merge_contact_rows", broken)
    with pytest.raises(RuntimeError):
        Contact.objects.merge(pair.survivor, pair.other)

    after = {
        relation_key(fk): (rows_naming(fk, pair.survivor), rows_naming(fk, pair.other))
        for fk in contact_relations()
    }
    assert after == before
    assert Contact.objects.filter(pk=pair.other.pk).exists()
