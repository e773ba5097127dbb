"""The home page's search and /offres/ in headless Chromium, as a job seeker types them: a place typed
without choosing a suggestion is understood or refused next to the field, never ignored; 30 km by
default; an empty result offers wider searches. Screenshots go to /tmp/shots/search/."""

import pytest
from playwright.sync_api import expect

from cms.services import site_ensure
from portal.reference.models import PostalCode
from recruiters.services_offers import job_offer_publish
from tests.factories import CommuneFactory, DepartmentFactory, JobOfferFactory
from tests.search.browser import expect_error, pick_commune, reload_keeps_url, shot, type_place

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(db):
    site_ensure()
    clermont = CommuneFactory()
    PostalCode.objects.bulk_create([PostalCode(code=code, commune=clermont) for code in ("63000", "63100")])
    riom = CommuneFactory(insee="63300", name="Riom", latitude=45.8936, longitude=3.1126, population=19000)
    for insee, department, name in (("32390", "32", "Gers"), ("54483", "54", "Meurthe-et-Moselle")):
        CommuneFactory(insee=insee, name="Saint-Martin", department=DepartmentFactory(code=department, name=name),
                       latitude=None, longitude=None, population=500)
    # Riom is 13 km from Clermont-Ferrand.
    job_offer_publish(offer=JobOfferFactory(title="Soudeur TIG H/F", job_titles=["Soudeur"], commune=riom,
                                            contract_type="CDI"))
    return {"clermont": clermont, "riom": riom}


@pytest.mark.forms("home-offer-search", "offer-search")
@pytest.mark.forms_bad_input("home-offer-search", "offer-search")
def test_search_from_the_home_page_then_refine_and_widen(live_server, page, world):
    base = live_server.url

    # Home: a place typed but unknown is said next to the field of the results page, text kept.
    page.goto(base + "/")
    page.get_by_label("Métier, mots-clés").fill("soudeur")
    type_place(page.get_by_role("combobox", name="Lieu"), "Atlantide")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/offres/?*")
    place = page.get_by_role("combobox", name="Lieu")
    expect(place).to_have_value("Atlantide")
    expect_error(page, place, "Commune inconnue : « Atlantide ».")
    expect(page.get_by_label("Métier, mots-clés")).to_have_value("soudeur")
    shot(page, "offres-commune-inconnue")

    # /offres/: a name several communes bear asks to choose.
    type_place(place, "saint martin")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    expect_error(page, place, "Choisissez une commune dans la liste : plusieurs communes s'appellent Saint-Martin — "
                              "Saint-Martin (32) et Saint-Martin (54).")

    # A name with its postcode, typed without choosing, is understood (and shown as understood).
    type_place(place, "clermont-ferrand 63000")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    expect(page.locator("#offer-count")).to_have_text("1 offre dans un rayon de 30 km autour de Clermont-Ferrand (63)")
    expect(place).to_have_value("Clermont-Ferrand (63)")

    # Home again, choosing the place among the suggestions with the keyboard: 30 km around it.
    page.goto(base + "/")
    page.get_by_label("Métier, mots-clés").fill("soudeur")
    pick_commune(page, page.get_by_role("combobox", name="Lieu"), "clermont", "Clermont-Ferrand (63)")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/offres/?*")
    reload_keeps_url(page)
    assert "q=soudeur" in page.url and "commune=63113" in page.url and "radius=30" in page.url
    expect(page.get_by_label("Métier, mots-clés")).to_have_value("soudeur")
    expect(page.get_by_role("combobox", name="Lieu")).to_have_value("Clermont-Ferrand (63)")
    expect(page.get_by_label("Rayon")).to_have_value("30")
    expect(page.get_by_role("link", name="Soudeur TIG H/F")).to_be_visible()

    # Only in the commune and in CDI: nothing there, so wider searches are offered with their counts.
    page.get_by_label("Rayon").select_option(label="Dans la commune")
    page.get_by_label("Contrat").select_option("CDI")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    expect(page.locator("#offer-count")).to_contain_text("Aucune offre ne correspond à votre recherche à Clermont-Ferrand (63).")
    shot(page, "offres-elargir")
    wider = page.locator(".offer-wider a")
    expect(wider).to_have_text(["Élargir à 50 km : 1 offre", "Élargir à 100 km : 1 offre",
                                "Tout le département (Puy-de-Dôme) : 1 offre", "Partout, sans lieu : 1 offre"])
    wider.first.click()
    page.wait_for_load_state()
    reload_keeps_url(page)
    expect(page.locator("#offer-count")).to_have_text("1 offre dans un rayon de 50 km autour de Clermont-Ferrand (63)")
    expect(page.get_by_label("Rayon")).to_have_value("50")
    expect(page.get_by_label("Contrat")).to_have_value("CDI")
    expect(page.get_by_label("Métier, mots-clés")).to_have_value("soudeur")
    expect(page.get_by_role("combobox", name="Lieu")).to_have_value("Clermont-Ferrand (63)")
    shot(page, "offres-50-km")
