"""The contact list's rows are written by a template tag (contacts/templatetags/
contact_list.py) instead of a template loop: everything a user typed is still escaped, and
each row still shows and links what the template showed."""

import html
import re

from django.urls import reverse

from contacts.models import Status
from tests.factories import make_contact


def test_what_a_user_typed_is_escaped_in_every_part_of_a_row(client_owner, owner):
    contact = make_contact(
        owner,
        first_name='<script>alert("x")</script>',
        last_name="O'Brien & Söhne",
        company="<b>Firma</b>",
        city='"Köln"',
        status=Status.WISH,
        tags=["<i>vip</i>"],
    )

    page = client_owner.get(reverse("contacts:list"), {"q": "Brien"}).text

    assert "<script>" not in page and "<b>Firma" not in page and "<i>vip" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "O&#x27;Brien &amp; Söhne" in page
    assert '<span class="tag">&lt;i&gt;vip&lt;/i&gt;</span>' in page
    assert "&lt;b&gt;Firma&lt;/b&gt; · &quot;Köln&quot;" in page
    assert f'<li class="row" id="contact-{contact.pk}">' in page
    assert '<span class="pill">' in page


def test_a_row_links_the_contact_and_the_quick_log_back_to_the_same_list(client_owner, owner):
    contact = make_contact(owner, first_name="Anna", last_name="Adler")

    page = client_owner.get(reverse("contacts:list"), {"q": "Anna", "sort": "name"}).text

    detail = reverse("contacts:detail", args=[contact.pk])
    log = reverse("contacts:log", args=[contact.pk])
    assert f'<a class="row-main" href="{detail}">' in page
    log_href = html.unescape(page.split(f'class="row-action" href="{log}?next=')[1].split('"')[0])
    assert log_href == "/contacts/%3Fq%3DAnna%26sort%3Dname"
    assert 'aria-label="' in page and "Anna Adler" in page


def test_each_row_shows_its_own_tags_from_a_to_z(client_owner, owner):
    anna = make_contact(
        owner, first_name="Anna", last_name="Adler", tags=["zoo", "Berlin", "alpha"]
    )
    bert = make_contact(owner, first_name="Bert", last_name="Brandt", tags=["Café"])
    carl = make_contact(owner, first_name="Carl", last_name="Cramer")

    page = client_owner.get(reverse("contacts:list")).text

    def tags_of(contact) -> list[str]:
        row = page.split(f'id="contact-{contact.pk}"')[1].split("</li>")[0]
        return re.findall(r'<span class="tag">([^<]*)</span>', row)

    assert tags_of(anna) == ["alpha", "Berlin", "zoo"]
    assert tags_of(bert) == ["Café"]
    assert tags_of(carl) == []


def test_each_row_names_its_category_and_marks_it_in_the_category_colour(client_owner, owner):
    """The dot is drawn by the stylesheet in the category's colour (.cat-einhorn sets it), not
    an inline SVG repeated on every row; screen readers hear the category's name."""
    unicorn = make_contact(owner, first_name="Uta", category="einhorn")
    penguin = make_contact(owner, first_name="Paul", category="pinguin")

    page = client_owner.get(reverse("contacts:list")).text

    def category_of(contact) -> str:
        row = page.split(f'id="contact-{contact.pk}"')[1].split("</li>")[0]
        assert "<svg" not in row
        marker = re.search(
            r'<span class="cat cat-(\w+)" title="([^"]+)">'
            r'<span class="cat-dot" aria-hidden="true"></span>'
            r'<span class="sr-only">([^<]+)</span></span>',
            row,
        )
        assert marker[2] == marker[3]
        return f"{marker[1]}: {marker[3]}"

    assert category_of(unicorn) == "einhorn: Einhorn"
    assert category_of(penguin) == "pinguin: Pinguin"


def test_the_list_as_it_opens_shows_each_users_visible_contacts_in_every_sort(
    client_owner, owner, outsider
):
    """The opening page's query is compiled once with a stand-in for the owner
    (Contact.objects.opening_rows): it must show what the filtered list shows, for each user."""
    import datetime

    from contacts.models import Contact
    from contacts.paging import SORTS

    today = datetime.date.today()
    for n in range(7):
        make_contact(
            owner,
            first_name=f"Person{n}",
            last_name="ÄbcZ"[n % 4] + f"name{n}",
            last_contacted_on=today - datetime.timedelta(days=n * 3) if n % 3 else None,
            tags=["Zoo", "apfel"] if n % 2 else [],
        )
    make_contact(owner, first_name="Archie", last_name="Archived", status=Status.ARCHIVED)
    make_contact(outsider, first_name="Otto", last_name="Outsider")

    for name, sort in SORTS.items():
        expected = list(
            Contact.objects.list_rows_of(owner).visible().order_by(*sort.order_by())[:5]
        )
        assert Contact.objects.opening_rows(owner, sort.order_by(), 5) == expected
        assert len(expected) == 5 and expected[0]["tag_names"] in ([], ["apfel", "Zoo"])
        page = client_owner.get(reverse("contacts:list"), {"sort": name}).text
        shown = re.findall(r'id="contact-(\d+)"', page)
        visible = Contact.objects.list_rows_of(owner).visible().order_by(*sort.order_by())
        assert shown == [str(row["id"]) for row in visible]
        assert "Archived" not in page and "Outsider" not in page
    # The other user's list as it opens: only theirs.
    outsiders = client_owner.__class__()
    outsiders.force_login(outsider)
    page = outsiders.get(reverse("contacts:list")).text
    assert "Outsider" in page and "Person" not in page
