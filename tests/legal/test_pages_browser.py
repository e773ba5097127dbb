"""The information pages and the footer in Chromium: WCAG 2.1 AA (axe), structure, focus, reflow, and no
request of the page answering 404 (the browser's own /favicon.ico included)."""

from pathlib import Path

import pytest
from django.contrib.sessions.models import Session

from tests.cms.test_accessibility import log_in
from tests.factories import CandidateUserFactory
from tests.test_public_a11y import audit, open_page

SHOTS = Path("/tmp/shots/site-frame")  # noqa: S108

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = {
    "mentions-legales": "/mentions-legales/",
    "conditions-generales": "/conditions-generales/",
    "donnees-personnelles-site": "/donnees-personnelles/",
    "accessibilite": "/accessibilite/",
    "contact": "/contact/",
}


def test_information_pages_meet_wcag_aa_and_load_everything(live_server, page):
    missing = []
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    failures = {}
    for name, path in PAGES.items():
        audit(page, name, lambda path=path: open_page(page, live_server.url + path, 200), failures)
    assert not failures, failures
    # Chromium asks for /favicon.ico by itself unless a page names its icon; either way nothing is missing.
    response = page.goto(live_server.url + "/favicon.ico")
    assert response.status == 200 and response.headers["content-type"] == "image/x-icon"
    assert missing == []


def test_the_footer_leads_to_each_page_on_a_phone(live_server, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/offres/")
    footer = page.get_by_role("contentinfo")
    page.screenshot(path=str(SHOTS / "offres-pied-de-page-375.png"), full_page=True)
    links = footer.get_by_role("navigation", name="Informations sur le site").get_by_role("link")
    assert links.all_inner_texts() == [
        "Mentions légales", "Conditions générales d'utilisation", "Données personnelles",
        "Accessibilité : non conforme", "Contact",
    ]
    footer.get_by_role("link", name="Accessibilité : non conforme").click()
    page.wait_for_url("**/accessibilite/")
    assert page.get_by_role("heading", level=1).inner_text() == "Déclaration d'accessibilité"
    page.screenshot(path=str(SHOTS / "accessibilite-375.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/donnees-personnelles/")
    page.screenshot(path=str(SHOTS / "donnees-personnelles-1280.png"), full_page=True)
    icon = page.evaluate("() => [...document.querySelectorAll('link[rel=icon]')].map((link) => link.href)")
    assert icon == [live_server.url + "/static/favicon.svg", live_server.url + "/favicon.ico"]
    for href in icon:
        assert page.request.get(href).status == 200


@pytest.mark.forms("site-logout")
def test_the_header_logs_out_for_good(live_server, page):
    user = CandidateUserFactory(email="ines@example.org")
    log_in(page, live_server, user)
    page.goto(live_server.url + "/offres/")
    header = page.get_by_role("banner")
    assert header.get_by_text("ines@example.org").is_visible()
    with page.expect_navigation():
        header.get_by_role("button", name="Se déconnecter").click()
    page.reload()
    assert header.get_by_role("link", name="Se connecter").is_visible()
    assert header.get_by_text("ines@example.org").count() == 0
    # Stored: no session of this user is left.
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]
    page.goto(live_server.url + "/espace-candidat/profil/identite/")
    assert page.url.startswith(live_server.url + "/compte/connexion/")
