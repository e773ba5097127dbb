"""The sector picker where sectors are chosen, in headless Chromium: a person types part of a name,
picks with the keyboard, saves, reloads and reads the sector by name; the stored value is the code."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from matching.models import MatchRun
from portal.reference.models import NafSector
from recruiters.models import JobOffer
from recruiters.services_offers import job_offer_publish
from search.offers.indexes import CONNECTION as OFFER_INDEX
from tests.cms.test_accessibility import log_in
from tests.factories import (
    CandidateProfileFactory,
    CandidateUserFactory,
    CommuneFactory,
    ExperienceFactory,
    JobOfferFactory,
    RecruiterFactory,
)
from tests.reference.naf import naf_sectors_create
from tests.reference.sector_browser import axe_violations, expect_chips, pick, shot, suggestions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BAKERY = "Boulangerie et boulangerie-pâtisserie (10.71C)"
SOFTWARE = "Programmation informatique (62.01Z)"


@pytest.fixture
def naf(db):
    naf_sectors_create()


def field_wrapper(page, control):
    """The Wagtail field wrapper around `control`: its label, help text, errors and the control itself."""
    return page.locator(".w-field__wrapper").filter(has=control)


def test_offer_form(live_server, page, naf):
    recruiter = RecruiterFactory()
    log_in(page, live_server, recruiter.user)
    page.goto(f"{live_server.url}/admin/recruteur/offres/nouvelle/")
    page.get_by_label("Intitulé de l'offre").fill("Boulanger ou boulangère H/F")
    page.get_by_label("Type de contrat").select_option("CDI")
    box = page.get_by_role("combobox", name="Secteurs d'activité")
    pick(page, box, "boulang", "Boulangerie et boulangerie-pâtisserie")
    expect(suggestions(page)).to_be_visible()
    shot(page, "offer-form-open-1280")
    assert axe_violations(page, ".w-field__wrapper:has(.sector-picker)") == []
    page.keyboard.press("Escape")
    expect_chips(page, [BAKERY])

    # Typed and not picked: said next to the field, nothing stored, the chip kept.
    box.fill("informatique")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    box = page.get_by_role("combobox", name="Secteurs d'activité")
    error = field_wrapper(page, box).get_by_text(
        re.compile("7 secteurs correspondent à «\u00a0informatique\u00a0», par exemple")
    )
    expect(error).to_be_visible()
    assert not JobOffer.objects.exists()
    expect_chips(page, [BAKERY])
    expect(box).to_have_value("informatique")
    expect(box).to_have_attribute("aria-invalid", "true")
    box.fill("")
    pick(page, box, "informatique", "Programmation informatique")
    page.keyboard.press("Escape")
    expect_chips(page, [BAKERY, SOFTWARE])
    shot(page, "offer-form-chips-1280")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_text("est enregistrée").wait_for()
    page.reload()
    expect_chips(page, [BAKERY, SOFTWARE])
    offer = JobOffer.objects.get()
    assert sorted(offer.sectors.values_list("code", flat=True)) == ["10.71C", "62.01Z"]

    page.set_viewport_size({"width": 375, "height": 800})
    box = page.get_by_role("combobox", name="Secteurs d'activité")
    box.click()
    box.press_sequentially("commerce de détail", delay=10)
    suggestions(page).wait_for()
    box.scroll_into_view_if_needed()
    shot(page, "offer-form-open-375")


def test_candidate_profile_wishes_and_experiences(live_server, page, naf):
    user = CandidateUserFactory(email_confirmed_at=timezone.now())
    profile = CandidateProfileFactory(user=user)
    log_in(page, live_server, user)

    page.goto(f"{live_server.url}/espace-candidat/profil/recherche/")
    box = page.get_by_role("combobox", name="Secteurs d'activité")
    pick(page, box, "informatique", "Programmation informatique")
    pick(page, box, "informatique", "Conseil en systèmes et logiciels informatiques")
    shot(page, "candidate-wishes-open-1280")
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    expect_chips(page, [SOFTWARE, "Conseil en systèmes et logiciels informatiques (62.02A)"])
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("alert").or_(page.get_by_role("status")).filter(has_text="enregistr").first.wait_for()
    page.reload()
    expect_chips(page, [SOFTWARE, "Conseil en systèmes et logiciels informatiques (62.02A)"])
    assert sorted(profile.sectors.values_list("code", flat=True)) == ["62.01Z", "62.02A"]
    page.set_viewport_size({"width": 375, "height": 800})
    page.get_by_role("list", name="Secteurs choisis").scroll_into_view_if_needed()
    shot(page, "candidate-wishes-chips-375")
    page.set_viewport_size({"width": 1280, "height": 900})

    # One sector per experience, in rows added after the page loaded too.
    ExperienceFactory(profile=profile, title="Vendeuse", sector=None)
    page.goto(f"{live_server.url}/espace-candidat/profil/experiences/")
    page.get_by_role("button", name=re.compile(r"^\+ Ajouter")).click()
    boxes = page.get_by_role("combobox", name="Secteur")
    expect(boxes).to_have_count(2)
    pick(page, boxes.nth(0), "boulang", "Boulangerie et boulangerie-pâtisserie")
    expect(boxes.nth(0)).to_have_value(BAKERY)
    rows = page.locator("[data-formset-row]")
    rows.nth(1).get_by_label("Poste").fill("Développeuse")
    rows.nth(1).get_by_label("Début").fill("2021-09")
    pick(page, boxes.nth(1), "62.01", "Programmation informatique")
    shot(page, "candidate-experiences-1280", full_page=True)
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("alert").or_(page.get_by_role("status")).filter(has_text="enregistr").first.wait_for()
    page.reload()
    shown = {
        row.get_by_label("Poste").input_value(): row.get_by_role("combobox", name="Secteur").input_value()
        for row in page.locator("[data-formset-row]").all()
    }
    assert {title: sector for title, sector in shown.items() if title} == {"Vendeuse": BAKERY, "Développeuse": SOFTWARE}
    assert dict(profile.experiences.values_list("title", "sector_id")) == {"Vendeuse": "10.71C", "Développeuse": "62.01Z"}


def test_public_offer_search(live_server, page, naf):
    from haystack import connections

    connections[OFFER_INDEX].get_backend().clear()
    CommuneFactory()
    job_offer_publish(offer=JobOfferFactory(title="Boulanger H/F", sectors=[NafSector.objects.get(pk="10.71C")]))
    job_offer_publish(offer=JobOfferFactory(title="Développeur Python", sectors=[NafSector.objects.get(pk="62.01Z")]))
    try:
        page.goto(f"{live_server.url}/offres/")
        expect(page.get_by_role("link", name="Boulanger H/F")).to_be_visible()
        box = page.get_by_role("combobox", name="Secteur")
        pick(page, box, "boulang", "Boulangerie et boulangerie-pâtisserie")
        expect(box).to_have_value(BAKERY)
        page.keyboard.press("Enter")  # the list is closed: Enter searches
        page.wait_for_url(re.compile(r"sector=10\.71C"))
        expect(page.get_by_role("link", name="Boulanger H/F")).to_be_visible()
        expect(page.get_by_role("link", name="Développeur Python")).to_have_count(0)
        assert "sector_q" not in page.url
        page.reload()
        expect(page.get_by_role("combobox", name="Secteur")).to_have_value(BAKERY)
        shot(page, "offer-search-chosen-1280")

        page.set_viewport_size({"width": 375, "height": 800})
        box = page.get_by_role("combobox", name="Secteur")
        box.fill("")
        box.press_sequentially("informatique", delay=10)
        suggestions(page).wait_for()
        page.keyboard.press("ArrowDown")
        shot(page, "offer-search-open-375")
        assert axe_violations(page) == []
    finally:
        connections[OFFER_INDEX].get_backend().clear()


def test_matching_criteria(live_server, page, naf):
    CommuneFactory()
    for index, (sector, other) in enumerate([("62.01Z", None), ("10.71C", None), ("47.11F", "62.02A")]):
        profile = CandidateProfileFactory(headline=f"Profil {index}")
        profile.sectors.set([code for code in (sector, other) if code])
    recruiter = RecruiterFactory()
    log_in(page, live_server, recruiter.user)

    page.goto(f"{live_server.url}/admin/matching/recherche/")
    box = page.get_by_role("combobox", name="Secteurs", exact=True)
    pick(page, box, "informatique", "Programmation informatique")
    pick(page, box, "boulang", "Boulangerie et boulangerie-pâtisserie")
    shot(page, "matching-open-1280")
    page.keyboard.press("Escape")
    expect_chips(page, [BAKERY, SOFTWARE])
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_selector("#matching-rows tr")
    assert re.search(r"sectors=10\.71C&sectors=62\.01Z", page.url) and "sectors_q" not in page.url
    page.reload()
    expect_chips(page, [BAKERY, SOFTWARE])
    shot(page, "matching-chips-1280", full_page=True)
    assert MatchRun.objects.latest("at").criteria["sectors"] == ["10.71C", "62.01Z"]

    # The candidate's tab names the sectors asked and held (names only: the chips show the codes).
    page.get_by_role("link", name="Profil 0").click()
    states = page.locator(".matching-states")
    bakery, software = BAKERY.removesuffix(" (10.71C)"), SOFTWARE.removesuffix(" (62.01Z)")
    expect(states).to_contain_text(f"{bakery} ; {software}")
    expect(states).to_contain_text(f"Secteurs du candidat : {software}")
    expect(states).not_to_contain_text("62.01Z")
