"""The installable web app's manifest, service worker and offline page."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_manifest_names_icons_shortcuts_and_the_share_target(client_owner):
    answer = client_owner.get("/manifest.webmanifest")

    assert answer.headers["Content-Type"] == "application/manifest+json"
    manifest = answer.json()
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])
    assert [s["url"] for s in manifest["shortcuts"]] == [
        "/contacts/new/",
        "/contacts/interactions/new/",
        "/week/",
    ]
    assert manifest["share_target"]["action"] == "/contacts/new/"


def test_the_manifest_speaks_the_visitors_language():
    german = Client().get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="de").json()
    english = Client().get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="en").json()

    assert german["shortcuts"][0]["name"] == "Kontakt hinzufügen"
    assert english["shortcuts"][0]["name"] == "Add contact"


def test_the_service_worker_is_served_from_the_root_for_the_whole_site():
    answer = Client().get("/sw.js")

    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/javascript")
    assert answer.headers["Service-Worker-Allowed"] == "/"
    assert answer.headers["Cache-Control"] == "no-cache"
    body = answer.content.decode()
    assert '"/static/css/app.css"' in body
    assert 'const OFFLINE_URL = "/offline/"' in body


def test_the_service_worker_changes_when_a_cached_file_changes(settings, tmp_path):
    before = Client().get("/sw.js").content
    css = tmp_path / "css"
    css.mkdir()
    (css / "app.css").write_text("body { color: red }")
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]

    after = Client().get("/sw.js").content

    assert before != after


def test_the_offline_page_holds_no_personal_data(client_owner, owner):
    page = client_owner.get("/offline/").content.decode()

    assert owner.email not in page
    assert "mainnav" not in page


def test_the_wrong_method_is_a_405():
    assert Client().post("/sw.js").status_code == 405
    assert Client().post("/manifest.webmanifest").status_code == 405
