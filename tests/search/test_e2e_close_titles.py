"""The CVthèque's "Métiers proches" checkbox in headless Chromium: ticked, submitted, reloaded; the
widened results, the titles added and their highlighting read back. Screenshot in /tmp/shots/search/."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from .browser import log_in, reload_keeps_url, shot
from .conftest import reindex

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEARCH_FORM = "form[data-form=cvtheque-search]"


@pytest.fixture
def carers(index, make_profile):
    made = {
        "own": make_profile(headline="Aide-soignante", cv_text="Toilettes et transmissions en EHPAD."),
        "abbreviated": make_profile(headline="AS de nuit en EHPAD", cv_text="Soins d'hygiène et de confort.",
                                    experiences=[("AS", date(2019, 1, 1), None)]),
        "neighbour": make_profile(headline="Aide à domicile", cv_text="Courses et repas.",
                                  experiences=[("Aide à domicile", date(2018, 1, 1), None)]),
    }
    reindex()
    return made


@pytest.mark.forms("cvtheque-search")
def test_close_titles_widen_a_title_search_and_survive_a_reload(live_server, page, recruiter, carers):
    log_in(page, live_server, recruiter.user)
    page.goto(live_server.url + "/admin/cvtheque/?q=aide-soignant")
    count = page.locator("#cvtheque-count")
    expect(count).to_have_text("1 PROFIL")
    switch = page.get_by_label("Métiers proches")
    expect(switch).not_to_be_checked()
    expect(page.locator("[data-widened]")).to_have_count(0)

    switch.check()
    page.locator(SEARCH_FORM).get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r".*[?&]proches=1"))
    reload_keeps_url(page)
    expect(page.get_by_label("Métiers proches")).to_be_checked()
    expect(page.get_by_label("Mots-clés")).to_have_value("aide-soignant")
    expect(count).to_have_text("3 PROFILS")
    expect(page.locator("[data-widened]")).to_contain_text("Recherche élargie aux métiers proches : AS ; puis métiers voisins : accompagnant")
    cards = page.locator(".cvtheque-cards > li")
    # The words asked first, then the same trade's abbreviation, then a neighbouring trade; the added
    # titles' words marked as such.
    expect(cards.nth(0)).to_contain_text("Aide-soignante")
    expect(cards.nth(0).locator("mark.mark-proche")).to_have_count(0)
    expect(cards.nth(1)).to_contain_text("AS de nuit")
    expect(cards.nth(1).locator("mark.mark-proche").first).to_have_text("AS")
    expect(cards.nth(2)).to_contain_text("Aide à domicile")
    expect(cards.nth(2).locator("mark.mark-proche").first).to_have_text("Aide à domicile")
    shot(page, "cvtheque-metiers-proches")

    # Unticked: back to the words alone.
    page.get_by_label("Métiers proches").uncheck()
    page.locator(SEARCH_FORM).get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    assert "proches=" not in page.url
    expect(count).to_have_text("1 PROFIL")
