"""The company page editor in headless Chromium: live word count and the benefit picker."""

import re

import pytest

from cms.services import site_ensure
from tests.cms.test_accessibility import SCREENSHOTS, log_in
from tests.factories import RecruiterFactory

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_word_count_follows_the_typing(live_server, page):
    site_ensure()
    recruiter = RecruiterFactory(company__name="Ateliers des Volcans")
    log_in(page, live_server, recruiter.user)
    page.goto(live_server.url + "/admin/pages-entreprise/ma-page-entreprise/")
    assert "/edit/" in page.url
    page.get_by_role("tab", name="Nous découvrir").click()
    counter = page.locator(".cms-word-count")
    counter.wait_for()
    assert counter.inner_text().startswith("0 mot sur 150 minimum pour publier")
    editor = page.locator('[data-word-count-min] [contenteditable="true"]')
    editor.click()
    page.keyboard.type("Notre atelier fabrique des pièces de précision.")
    page.wait_for_function("document.querySelector('.cms-word-count').textContent.startsWith('7 mots')")
    assert "encore 143 mots" in counter.inner_text()
    page.keyboard.type(" mot" * 143)
    page.wait_for_function("document.querySelector('.cms-word-count').textContent.startsWith('150 mots')")
    assert "le minimum de 150 mots pour publier est atteint" in counter.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "editeur-nous-decouvrir.png"), full_page=True)
    page.get_by_role("tab", name="Avantages").click()
    page.get_by_role("tabpanel", name="Avantages").get_by_role("button", name=re.compile("ajouter", re.I)).first.click()
    option = page.locator(".cms-benefit-option", has_text="Télétravail").first
    option.click()
    assert option.locator("input").is_checked()
    page.screenshot(path=str(SCREENSHOTS / "editeur-avantages.png"), full_page=True)
