"""Matching results in headless Chromium: each row names the candidate's home commune with its
distance and says why the profile matched, the same when the threshold slider redraws the list from
the JSON endpoint; matching from an offer starts from the offer's radius. Screenshots go to
/tmp/shots/search/."""

import re
from datetime import date
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.factories import (
    CandidateLanguageFactory,
    CandidateProfileFactory,
    CommuneFactory,
    ExperienceFactory,
    LanguageFactory,
    RecruiterFactory,
)
from tests.factories.offers import JobOfferFactory
from tests.search.browser import log_in, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEARCH = "/admin/matching/recherche/"
QUERY = {"job_titles": "Comptable", "min_years": "2", "skills": "Sage, Excel", "commune": "63113",
         "languages": "anglais B2", "contract_types": "CDI"}


@pytest.fixture
def pool(db):
    CommuneFactory()
    riom = CommuneFactory(insee="63300", name="Riom", latitude=45.8936, longitude=3.1128)
    english = LanguageFactory(code="en", name="anglais")
    accountant = CandidateProfileFactory(headline="Comptable confirmée", home_commune=riom, skills=["Sage", "Excel"])
    ExperienceFactory(profile=accountant, title="Comptable", start_date=date(2020, 1, 1))
    CandidateLanguageFactory(profile=accountant, language=english, level="B2")
    assistant = CandidateProfileFactory(headline="Aide-comptable", skills=["Excel"])
    ExperienceFactory(profile=assistant, title="Aide-comptable", start_date=date(2022, 1, 1))
    welder = CandidateProfileFactory(headline="Soudeur TIG", skills=["Soudure TIG"])
    ExperienceFactory(profile=welder, title="Soudeur", start_date=date(2019, 1, 1))
    return accountant, assistant, welder


@pytest.fixture
def recruiter(live_server, page):
    recruiter = RecruiterFactory()
    log_in(page, live_server, recruiter.user)
    return recruiter


def row_of(page, profile):
    return page.locator(f'#matching-rows tr[data-profile="{profile.pk}"]')


def test_rows_show_the_place_and_why_before_and_after_the_slider(live_server, page, recruiter, pool):
    accountant, assistant, welder = pool
    page.goto(live_server.url + SEARCH + "?" + urlencode({**QUERY, "threshold": "0"}))
    expect(page.locator(".matching-list thead")).to_contain_text("Lieu")
    first = row_of(page, accountant)
    expect(first.locator(".matching-place")).to_have_text(re.compile(r"^Riom · 1\d\xa0km$"))
    expect(first.locator(".matching-why")).to_have_text(
        re.compile(r"^Comptable, \d+(,\d)?\xa0ans · Sage, Excel · Riom · Anglais B2$"))
    expect(row_of(page, welder).locator(".matching-place")).to_have_text("Clermont-Ferrand · moins\xa0d'1\xa0km")
    expect(row_of(page, welder).locator(".matching-why")).not_to_contain_text("Soudeur")
    # The added column does not push the dates out of sight at a laptop's width.
    widths = page.evaluate("(() => { const s = document.querySelector('.matching-results');"
                           " return [s.scrollWidth, s.clientWidth, ...[...s.querySelectorAll('th')].map((t) => t.offsetWidth)]; })()")
    assert widths[0] <= widths[1], str(widths)
    shot(page, "matching-lieu-et-raisons")
    server_place = first.locator(".matching-place").inner_text()
    server_why = first.locator(".matching-why").inner_text()

    # The slider redraws the rows from the JSON: the same cells, drawn by matching.js.
    page.evaluate("window.__noReload = true")
    page.locator("#threshold-slider").fill("5")
    page.wait_for_url(re.compile(r".*threshold=5"))
    assert page.evaluate("window.__noReload") is True
    expect(first.locator(".matching-place")).to_have_text(server_place)
    expect(first.locator(".matching-why")).to_have_text(server_why)
    shot(page, "matching-lieu-et-raisons-curseur")


def test_matching_from_an_offer_starts_from_its_radius(live_server, page, recruiter, pool):
    offer = JobOfferFactory(company=recruiter.company, commune=CommuneFactory(), job_titles=["Comptable"],
                            radius_km=20, contract_type="CDI")
    page.goto(live_server.url + f"/admin/matching/offre/{offer.pk}/")
    expect(page.get_by_label("Rayon (km)")).to_have_value("20")
    expect(page.locator("#matching-rows tr").first).to_be_visible()
    shot(page, "matching-offre-rayon")


def test_candidate_page_names_the_asked_language(live_server, page, recruiter, pool):
    accountant, _, _ = pool
    page.goto(live_server.url + SEARCH + "?" + urlencode({**QUERY, "threshold": "0"}))
    row_of(page, accountant).get_by_role("link", name="Comptable confirmée").click()
    languages = page.locator(".matching-states tr", has_text="Langues")
    expect(languages).to_contain_text("Anglais B2")
    expect(languages).to_contain_text("Anglais : B2")
    expect(languages).not_to_contain_text("en B2")
    shot(page, "matching-candidat-langues")
