"""The forms validate every input before a view applies it."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from contacts.forms import (
    CategoryForm,
    ContactFilterForm,
    ContactForm,
    InteractionForm,
    QuickLogForm,
    TagForm,
    TriageForm,
)
from contacts.models import Category, Contact, Interaction, ProfileLink, Status, Tag
from tests.factories import make_contact, make_interaction, make_tag


def contact_form(owner, instance=None, **data) -> ContactForm:
    fields = {"first_name": "Anna", "category": "pinguin", "status": "active"}
    fields.update(data)
    return ContactForm(fields, owner=owner, instance=instance)


def errors_of(form, field: str) -> str:
    return " ".join(str(e) for e in form.errors.get(field, []))


# ContactForm: names.


def test_it_accepts_a_contact_with_just_a_first_name(owner):
    form = contact_form(owner)

    assert form.is_valid(), form.errors
    contact = form.save()
    assert contact.owner == owner
    assert contact.name == "Anna"
    assert contact.category == Category.PINGUIN


def test_it_accepts_a_contact_with_just_a_last_name(owner):
    assert contact_form(owner, first_name="", last_name="Weber").is_valid()


def test_it_requires_a_first_or_last_name(owner):
    form = contact_form(owner, first_name="  ", last_name="", company="Blaue Fabrik")

    assert not form.is_valid()
    assert "first_name" in form.errors


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("first_name", 100),
        ("last_name", 100),
        ("company", 200),
        ("role", 200),
        ("city", 120),
        ("interests", 500),
        ("how_we_met", 2000),
        ("notes", 20000),
    ],
)
def test_it_rejects_over_long_fields(owner, field, limit):
    assert contact_form(owner, **{field: "x" * limit}).is_valid()

    form = contact_form(owner, **{field: "x" * (limit + 1)})

    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.parametrize(("field", "value"), [("category", "drache"), ("status", "deleted")])
def test_it_rejects_unknown_choices(owner, field, value):
    form = contact_form(owner, **{field: value})

    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.parametrize(("value", "valid"), [("", True), ("3", True), ("0", False), ("6", False)])
def test_it_accepts_warmth_from_one_to_five(owner, value, valid):
    assert contact_form(owner, warmth=value).is_valid() is valid


@pytest.mark.parametrize(
    ("value", "valid"), [("", True), ("1", True), ("3650", True), ("0", False), ("3651", False)]
)
def test_it_bounds_the_keep_in_touch_rhythm(owner, value, valid):
    assert contact_form(owner, keep_in_touch_days=value).is_valid() is valid


# ContactForm: email addresses and phone numbers, one per line.


def test_it_stores_email_lines_as_a_list_without_blanks_or_duplicates(owner):
    form = contact_form(owner, emails=" anna@example.com \n\n work@example.org\nanna@example.com")

    assert form.is_valid(), form.errors
    assert form.save().emails == ["anna@example.com", "work@example.org"]


def test_it_names_the_invalid_email_line_in_the_error(owner):
    form = contact_form(owner, emails="anna@example.com\nanna(at)example.com")

    assert not form.is_valid()
    assert "anna(at)example.com" in errors_of(form, "emails")


def test_it_rejects_more_than_ten_email_addresses(owner):
    form = contact_form(owner, emails="\n".join(f"a{n}@example.com" for n in range(11)))

    assert not form.is_valid()
    assert "emails" in form.errors


@pytest.mark.parametrize(
    "phone", ["+49 30 1234567", "030/123 45-67", "(0171) 234.56.78", "112", "+1 (555) 010-9999"]
)
def test_it_accepts_phone_numbers_as_people_type_them(owner, phone):
    form = contact_form(owner, phones=phone)

    assert form.is_valid(), form.errors
    assert form.save().phones == [phone]


@pytest.mark.parametrize("phone", ["call me", "12", "+--()", "0170 CALL NOW", "1" * 31])
def test_it_rejects_what_is_not_a_phone_number(owner, phone):
    form = contact_form(owner, phones=f"+49 30 1234567\n{phone}")

    assert not form.is_valid()
    assert phone in errors_of(form, "phones")


# ContactForm: birthday.


def test_it_accepts_no_birthday(owner):
    form = contact_form(owner, birthday_day="", birthday_month="", birthday_year="")

    assert form.is_valid()
    assert form.save().birthday is None


def test_it_saves_a_full_birthday(owner):
    form = contact_form(owner, birthday_day="17", birthday_month="3", birthday_year="1985")

    assert form.is_valid(), form.errors
    assert form.save().birthday == datetime.date(1985, 3, 17)


@pytest.mark.parametrize(("day", "month"), [("12", ""), ("", "5")])
def test_it_requires_day_and_month_together(owner, day, month):
    form = contact_form(owner, birthday_day=day, birthday_month=month)

    assert not form.is_valid()
    assert "birthday_day" in form.errors


def test_it_requires_day_and_month_for_a_birth_year(owner):
    form = contact_form(owner, birthday_year="1985")

    assert not form.is_valid()
    assert "birthday_year" in form.errors


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [("31", "4", ""), ("30", "2", ""), ("29", "2", "2023"), ("31", "6", "1990")],
)
def test_it_rejects_dates_that_do_not_exist(owner, day, month, year):
    form = contact_form(owner, birthday_day=day, birthday_month=month, birthday_year=year)

    assert not form.is_valid()
    assert "birthday_day" in form.errors


def test_it_accepts_29_february_without_a_year(owner):
    form = contact_form(owner, birthday_day="29", birthday_month="2")

    assert form.is_valid(), form.errors
    contact = form.save()
    assert (contact.birthday_day, contact.birthday_month, contact.birthday_year) == (29, 2, None)


def test_it_accepts_29_february_of_a_leap_year(owner):
    form = contact_form(owner, birthday_day="29", birthday_month="2", birthday_year="2024")

    assert form.is_valid(), form.errors


def test_it_rejects_a_birth_year_in_the_future(owner):
    next_year = str(timezone.localdate().year + 1)

    form = contact_form(owner, birthday_day="1", birthday_month="1", birthday_year=next_year)

    assert not form.is_valid()
    assert "birthday_year" in form.errors


@pytest.mark.parametrize(
    ("day", "month", "year"), [("32", "1", ""), ("1", "13", ""), ("1", "1", "1899")]
)
def test_it_rejects_out_of_range_birthday_parts(owner, day, month, year):
    form = contact_form(owner, birthday_day=day, birthday_month=month, birthday_year=year)

    assert not form.is_valid()


# ContactForm: profile links.


def test_it_adds_https_to_a_link_without_scheme(owner):
    form = contact_form(owner, link_linkedin="linkedin.com/in/anna-weber")

    assert form.is_valid(), form.errors
    contact = form.save()
    assert contact.links_by_channel() == {"linkedin": "https://linkedin.com/in/anna-weber"}


@pytest.mark.parametrize(
    "url", ["not a url", "javascript:alert(1)", "http://", "https://exa mple.com"]
)
def test_it_rejects_invalid_links(owner, url):
    form = contact_form(owner, link_website=url)

    assert not form.is_valid()
    assert "link_website" in form.errors


def test_it_replaces_and_removes_links_on_edit(owner):
    contact = contact_form(
        owner, link_website="https://anna.example", link_mastodon="https://social.example/@anna"
    ).save()

    form = contact_form(owner, instance=contact, link_website="https://weber.example")
    assert form.initial["link_website"] == "https://anna.example"
    assert form.is_valid(), form.errors
    form.save()

    assert contact.links_by_channel() == {"website": "https://weber.example"}
    assert ProfileLink.objects.filter(contact=contact).count() == 1


# ContactForm: tags.


def test_it_parses_comma_separated_tags(owner):
    form = contact_form(owner, tag_names=" Design,, Buchclub ,Design,  ")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["tag_names"] == ["Design", "Buchclub"]
    contact = form.save()
    assert sorted(t.name for t in contact.tags.all()) == ["Buchclub", "Design"]


def test_it_reuses_an_existing_tag_whatever_its_case(owner):
    design = make_tag(owner, "Design")

    contact = contact_form(owner, tag_names="design").save()

    assert list(contact.tags.all()) == [design]
    assert Tag.objects.for_owner(owner).count() == 1


def test_it_merges_tags_that_differ_only_in_case(owner):
    contact = contact_form(owner, tag_names="UX, ux").save()

    assert contact.tags.count() == 1


def test_it_rejects_a_tag_longer_than_fifty_characters(owner):
    form = contact_form(owner, tag_names="Design, " + "x" * 51)

    assert not form.is_valid()
    assert "tag_names" in form.errors
    assert not Tag.objects.exists()


def test_it_accepts_a_tag_of_fifty_characters(owner):
    form = contact_form(owner, tag_names="x" * 50)

    assert form.is_valid(), form.errors


def test_it_rejects_an_over_long_tag_list(owner):
    form = contact_form(owner, tag_names=",".join(["abcdefghi"] * 101))

    assert not form.is_valid()
    assert "tag_names" in form.errors


def test_it_rejects_more_than_thirty_tags(owner):
    form = contact_form(owner, tag_names=", ".join(f"t{n}" for n in range(31)))

    assert not form.is_valid()
    assert "tag_names" in form.errors


def test_it_shows_the_current_tags_when_editing(owner):
    contact = make_contact(owner, tags=["Design", "Buchclub"])

    form = ContactForm(instance=contact, owner=owner)

    assert form.initial["tag_names"] == "Buchclub, Design"


def test_it_removes_tags_cleared_on_edit(owner):
    contact = make_contact(owner, first_name="Anna", tags=["Design"])

    form = contact_form(owner, instance=contact, tag_names="")
    assert form.is_valid(), form.errors
    form.save()

    assert contact.tags.count() == 0
    assert not Contact.objects.search("design").exists()


def test_it_makes_a_new_contact_the_owners_even_when_another_owner_is_posted(owner, outsider):
    form = ContactForm(
        {"first_name": "Anna", "category": "pinguin", "status": "active", "owner": outsider.pk},
        owner=owner,
    )

    assert form.is_valid()
    assert form.save().owner == owner


# QuickLogForm.


def test_it_dates_a_quick_log_today_by_default():
    form = QuickLogForm({"kind": "coffee", "date": ""})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == timezone.localdate()


def test_it_takes_a_quick_log_date_from_the_past():
    form = QuickLogForm({"kind": "call", "date": "2024-02-29", "notes": "Geburtstag"})

    assert form.is_valid(), form.errors
    assert form.interaction_data() == {
        "kind": "call",
        "date": datetime.date(2024, 2, 29),
        "notes": "Geburtstag",
    }


def test_it_allows_tomorrow_for_users_ahead_of_the_server():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    assert QuickLogForm({"kind": "call", "date": tomorrow.isoformat()}).is_valid()


def test_it_rejects_a_quick_log_in_the_future():
    later = timezone.localdate() + datetime.timedelta(days=2)

    form = QuickLogForm({"kind": "call", "date": later.isoformat()})

    assert not form.is_valid()
    assert "date" in form.errors


@pytest.mark.parametrize("kind", ["", "beer", None])
def test_it_requires_a_known_kind(kind):
    form = QuickLogForm({"kind": kind} if kind is not None else {})

    assert not form.is_valid()
    assert "kind" in form.errors


@pytest.mark.parametrize("date", ["yesterday", "2024-13-01", "31.04.2024"])
def test_it_rejects_a_date_that_is_not_one(date):
    assert not QuickLogForm({"kind": "call", "date": date}).is_valid()


def test_it_rejects_over_long_quick_log_notes():
    assert not QuickLogForm({"kind": "call", "notes": "x" * 10001}).is_valid()


# InteractionForm.


def interaction_data(*contacts, **data) -> QueryDict:
    fields = {
        "kind": "lunch",
        "date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "notes": "",
        "contacts": [c.pk for c in contacts],
    }
    fields.update(data)
    query = QueryDict(mutable=True)
    for key, value in fields.items():
        query.setlist(key, [str(v) for v in value] if isinstance(value, list) else [value])
    return query


def test_it_logs_an_interaction_with_several_people(owner):
    anna, bernd = make_contact(owner), make_contact(owner)

    form = InteractionForm(interaction_data(anna, bernd, notes="Mittag"), owner=owner)

    assert form.is_valid(), form.errors
    interaction = form.save()
    assert interaction.owner == owner
    assert set(interaction.contacts.all()) == {anna, bernd}
    assert Contact.objects.get(pk=bernd.pk).last_contacted_on == interaction.date


def test_it_rejects_another_users_contact(owner, outsider):
    mine, theirs = make_contact(owner), make_contact(outsider)

    form = InteractionForm(interaction_data(mine, theirs), owner=owner)

    assert not form.is_valid()
    assert "contacts" in form.errors
    assert not Interaction.objects.exists()


def test_it_rejects_an_unknown_contact_id(owner):
    form = InteractionForm(interaction_data(contacts=[987654]), owner=owner)

    assert not form.is_valid()
    assert "contacts" in form.errors


def test_it_requires_at_least_one_person(owner):
    form = InteractionForm(interaction_data(), owner=owner)

    assert not form.is_valid()
    assert "contacts" in form.errors


def test_it_rejects_a_full_interaction_in_the_future(owner):
    later = timezone.localdate() + datetime.timedelta(days=5)

    form = InteractionForm(
        interaction_data(make_contact(owner), date=later.isoformat()), owner=owner
    )

    assert not form.is_valid()
    assert "date" in form.errors


def test_it_requires_a_date_for_a_full_interaction(owner):
    form = InteractionForm(interaction_data(make_contact(owner), date=""), owner=owner)

    assert not form.is_valid()
    assert "date" in form.errors


def test_it_starts_a_new_interaction_today(owner):
    form = InteractionForm(owner=owner)

    assert form.initial["date"] == timezone.localdate()


def test_it_remembers_the_ticked_people_of_the_owner_only(owner, outsider):
    mine, theirs = make_contact(owner), make_contact(outsider)

    form = InteractionForm(interaction_data(contacts=[mine.pk, theirs.pk, "x"]), owner=owner)

    assert form.chosen_contacts() == [mine]


def test_it_moves_people_between_interactions_on_edit(owner):
    anna, bernd, clara = make_contact(owner), make_contact(owner), make_contact(owner)
    interaction = make_interaction(anna, days_ago=2, others=[bernd])

    form = InteractionForm(
        interaction_data(anna, clara, date=interaction.date.isoformat()),
        instance=interaction,
        owner=owner,
    )
    assert form.chosen_contacts() == sorted([anna, clara], key=lambda c: c.sort_name)
    assert form.is_valid(), form.errors
    form.save()

    assert set(interaction.contacts.all()) == {anna, clara}
    assert Contact.objects.get(pk=bernd.pk).last_contacted_on is None
    assert Contact.objects.get(pk=clara.pk).last_contacted_on == interaction.date


# TagForm.


def test_it_creates_a_tag_for_the_owner(owner):
    form = TagForm({"name": "  Buchclub "}, owner=owner)

    assert form.is_valid(), form.errors
    tag = form.save()
    assert (tag.owner, tag.name) == (owner, "Buchclub")


@pytest.mark.parametrize("name", ["Buchclub", "buchclub", "BUCHCLUB", " Buchclub "])
def test_it_rejects_a_duplicate_tag_name_in_any_case(owner, name):
    make_tag(owner, "Buchclub")

    form = TagForm({"name": name}, owner=owner)

    assert not form.is_valid()
    assert "name" in form.errors


def test_it_allows_a_tag_name_another_user_has(owner, outsider):
    make_tag(outsider, "Buchclub")

    assert TagForm({"name": "Buchclub"}, owner=owner).is_valid()


def test_it_allows_renaming_a_tag_to_another_case_of_itself(owner):
    tag = make_tag(owner, "buchclub")

    form = TagForm({"name": "Buchclub"}, instance=tag, owner=owner)

    assert form.is_valid(), form.errors
    form.save()
    assert Tag.objects.get(pk=tag.pk).name == "Buchclub"


def test_it_rejects_renaming_a_tag_onto_another(owner):
    make_tag(owner, "Design")
    tag = make_tag(owner, "Buchclub")

    form = TagForm({"name": "design"}, instance=tag, owner=owner)

    assert not form.is_valid()
    assert Tag.objects.get(pk=tag.pk).name == "Buchclub"


@pytest.mark.parametrize("name", ["", "   ", "Design, UX", "x" * 51])
def test_it_rejects_unusable_tag_names(owner, name):
    form = TagForm({"name": name}, owner=owner)

    assert not form.is_valid()
    assert "name" in form.errors


# Category and triage forms.


@pytest.mark.parametrize("value", ["einhorn", "flamingo", "pinguin"])
def test_it_accepts_the_three_categories(value):
    assert CategoryForm({"category": value}).is_valid()


def test_it_rejects_an_unknown_category():
    assert not CategoryForm({"category": "drache"}).is_valid()


@pytest.mark.parametrize(
    ("action", "category", "status", "triaged"),
    [
        ("einhorn", "einhorn", "active", True),
        ("flamingo", "flamingo", "active", True),
        ("keep", "pinguin", "active", True),
        ("archive", "pinguin", "archived", True),
    ],
)
def test_it_applies_each_triage_action(owner, action, category, status, triaged):
    contact = make_contact(owner)
    form = TriageForm({"action": action})

    assert form.is_valid()
    form.apply(contact)

    contact = Contact.objects.get(pk=contact.pk)
    assert (contact.category, contact.status) == (category, status)
    assert (contact.triaged_at is not None) is triaged


@pytest.mark.parametrize("action", ["", "pinguin", "delete"])
def test_it_rejects_an_unknown_triage_action(action):
    assert not TriageForm({"action": action}).is_valid()


# The list's filter form.


def test_it_reads_the_lists_filters():
    form = ContactFilterForm({"q": "anna", "category": "einhorn", "tag": "3", "sort": "recent"})

    assert form.is_valid()
    assert form.is_filtered()
    assert form.sort_choice().key == "last_key"


def test_it_sorts_by_name_when_no_sort_is_given():
    form = ContactFilterForm({})

    assert form.is_valid()
    assert not form.is_filtered()
    assert form.sort_choice().key == "sort_name"


@pytest.mark.parametrize(
    "data", [{"sort": "random"}, {"tag": "abc"}, {"category": "drache"}, {"q": "x" * 201}]
)
def test_it_rejects_filters_it_does_not_know(data):
    assert not ContactFilterForm(data).is_valid()


def test_it_hides_archived_contacts_unless_asked(owner):
    active = make_contact(owner)
    wish = make_contact(owner, status=Status.WISH)
    archived = make_contact(owner, status=Status.ARCHIVED)

    def listed(**data):
        form = ContactFilterForm(data)
        assert form.is_valid()
        return set(form.filter(Contact.objects.for_owner(owner)))

    assert listed() == {active, wish}
    assert listed(status="archived") == {archived}
    assert listed(status="wish") == {wish}
    assert listed(status="all") == {active, wish, archived}
