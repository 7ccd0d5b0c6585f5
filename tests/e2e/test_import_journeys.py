"""The import in Chromium, at a desk (1280 px) and on a phone (390 px): drop a vCard file and
a LinkedIn CSV that share a person, choose to merge them, and see the merged contact.

Selectors use ids, names and values, never translated text.
"""

import base64
import re

import pytest
from playwright.sync_api import expect

from contacts.models import Contact
from netzwerk import celery_app
from tests.contacts.imports import FIXTURES
from tests.factories import make_contact, make_user

from .conftest import PHONE, _new_context

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1280, "height": 800}
DROP = """([files]) => {
  const transfer = new DataTransfer();
  for (const [name, data] of files) {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    transfer.items.add(new File([bytes], name));
  }
  const zone = document.querySelector("[data-dropzone]");
  zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true}));
  zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
}"""


@pytest.fixture
def tasks_run_at_once():
    """The live server's requests run the import tasks themselves, once they commit."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


def dropped(*names: str) -> list:
    return [[name, base64.b64encode((FIXTURES / name).read_bytes()).decode()] for name in names]


@pytest.mark.parametrize("viewport", ["desk", "phone"])
def test_two_files_sharing_a_person_are_merged_into_one_contact(
    browser, live_server, sign_in, screenshot, browser_errors, tasks_run_at_once, viewport
):
    user = make_user("import@example.com")
    make_contact(
        user, first_name="Sabine", last_name="Keller", emails=["sabine.keller@example.com"]
    )
    context = _new_context(browser, live_server, viewport=DESK if viewport == "desk" else PHONE)
    sign_in(context, user)
    page = browser_errors.watch(context.new_page())

    page.goto("/contacts/")
    page.locator("#import-link").click()
    expect(page.locator("[data-dropzone][data-ready]")).to_be_visible()
    page.evaluate(DROP, [dropped("ios-contacts-3.0.vcf", "linkedin-Connections.csv")])
    expect(page.locator("[data-dropzone-files]")).to_contain_text("linkedin-Connections.csv")
    page.locator(".import-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/contacts/import/\d+/$"))
    preview = page.locator("#import-preview")
    expect(preview).to_be_visible()
    # Zoë is in both files with one email address: the LinkedIn row is her again.
    zoe_again = page.locator("#import-duplicates .import-row").filter(has_text="Studio Nord")
    expect(zoe_again).to_have_count(1)
    zoe_again.locator("input[value=merge]").check()
    screenshot(page, f"import-preview-{viewport}")
    page.locator("button[name=commit]").click()

    expect(page.locator("#import-done")).to_be_visible()
    zoe = Contact.objects.get(owner=user, first_name="Zoë")
    assert Contact.objects.filter(owner=user, last_name="Martin").count() == 1
    page.goto("/contacts/?q=studio")
    page.locator(f"a[href='/contacts/{zoe.pk}/']").first.click()
    expect(page.locator("main")).to_contain_text("zoe@studio-nord.example")
    expect(page.locator("main")).to_contain_text("zoe.martin@example.com")
    expect(page.locator("a[href='https://www.linkedin.com/in/zoe-martin-design/']")).to_have_count(
        1
    )
    expect(page.locator("main")).to_contain_text("Auf LinkedIn vernetzt")
    screenshot(page, f"import-merged-{viewport}")
    assert browser_errors == []
    context.close()
