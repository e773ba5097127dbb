"""Recruiter matching in headless Chromium: criteria search, threshold slider (no reload), a mandatory
criterion with its funnel, a candidate's Matching tab. Screenshots go to /tmp for a look."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from matching import loader
from search.services import saved_search_alerts_send
from tests.factories import (
    CandidateProfileFactory,
    CommuneFactory,
    EducationFactory,
    ExperienceFactory,
    RecruiterFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_matching_in_a_browser(live_server, page):
    CommuneFactory()
    for index in range(8):
        profile = CandidateProfileFactory(headline=f"Contrôleuse de gestion {index}",
                                          contract_types=["CDI"] if index % 2 else ["CDD"], skills=["Excel", "SAP"][: index % 3])
        ExperienceFactory(profile=profile, title="Contrôleuse de gestion" if index < 5 else "Comptable",
                          start_date=date(2025 - index, 1, 1))
        EducationFactory(profile=profile, level=7 if index < 4 else 5)
    recruiter = RecruiterFactory()
    client = Client()
    client.force_login(recruiter.user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                               "url": live_server.url}])

    page.goto(f"{live_server.url}/admin/matching/recherche/")
    page.get_by_label("Intitulés de poste").fill("Contrôleur de gestion")
    page.get_by_label("Années d'expérience (minimum)").fill("3")
    page.get_by_label("Niveau de diplôme minimal").select_option("7")
    page.get_by_label("Lieu", exact=True).fill("Clermont")
    page.get_by_role("option", name="Clermont-Ferrand (63)").click()
    page.get_by_label("CDI").check()
    page.get_by_role("textbox", name="Compétences").fill("Excel, SAP")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_selector("#matching-rows tr")
    page.screenshot(path="/tmp/matching-results.png", full_page=True)
    before = int(page.locator("#matching-count").inner_text())

    # The slider: the list follows without a page reload.
    page.evaluate("window.__noReload = true")
    slider = page.locator("#threshold-slider")
    slider.fill("90")
    page.wait_for_function("document.getElementById('threshold-output').textContent === '90'")
    page.wait_for_function(f"Number(document.getElementById('matching-count').textContent) < {before}")
    assert page.evaluate("window.__noReload") is True
    percents = [int(text.split()[0]) for text in page.locator("#matching-rows .matching-percent").all_inner_texts()]
    assert all(value >= 90 for value in percents)
    slider.fill("0")
    page.wait_for_function("Number(document.getElementById('matching-count').textContent) === 8")

    # A mandatory criterion removes the profiles that fail it, and the funnel says how many.
    page.get_by_role("checkbox", name="Indispensable : Types de contrat").check()
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_selector("#matching-funnel")
    assert "Types de contrat (indispensable) : 4 profils exclus" in page.locator("#matching-funnel").inner_text()
    assert page.locator("#matching-count").inner_text() == "4"
    page.screenshot(path="/tmp/matching-required.png", full_page=True)

    # A candidate's Matching tab: every criterion with its state in words.
    page.locator("#matching-rows a").first.click()
    page.wait_for_selector(".matching-states")
    text = page.locator(".matching-states").inner_text()
    for label in ("Expériences", "Diplômes", "Types de contrat", "Compétences"):
        assert label in text
    assert "Élément trouvé dans le profil candidat" in text
    page.screenshot(path="/tmp/matching-candidate.png", full_page=True)


def test_saved_matching_search_in_a_browser(live_server, page, mailoutbox):
    CommuneFactory()
    for index in range(4):
        profile = CandidateProfileFactory(headline=f"Contrôleuse {index}", contract_types=["CDI"])
        ExperienceFactory(profile=profile, title="Contrôleuse de gestion", start_date=date(2020 - index, 1, 1))
    recruiter = RecruiterFactory()
    client = Client()
    client.force_login(recruiter.user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                               "url": live_server.url}])
    page.goto(f"{live_server.url}/admin/matching/recherche/?job_titles=Contrôleur+de+gestion&commune=63113"
              "&contract_types=CDI&required=contract_types")
    page.wait_for_selector("#matching-rows tr")
    page.locator("#threshold-slider").fill("60")
    page.wait_for_function("document.querySelector('.matching-save__form').getAttribute('action').includes('threshold=60')")

    # Save with what is on screen (threshold 60) into a new folder, with a daily alert.
    page.get_by_text("Enregistrer la recherche").click()
    page.get_by_label("Nom de la recherche").fill("Contrôle de gestion 63")
    page.get_by_label("ou nouveau dossier").fill("Finance")
    page.get_by_label("Chaque jour").check()
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_url("**/admin/cvtheque/dossiers/*/")
    assert "Contrôle de gestion 63" in page.content()
    page.screenshot(path="/tmp/matching-saved-folder.png", full_page=True)

    # The folder reopens the matching page with the criteria, mandatory criterion and threshold.
    page.get_by_role("link", name="Lancer la recherche matching").click()
    page.wait_for_selector("#matching-rows tr")
    assert page.locator("#threshold-output").inner_text() == "60"
    assert page.get_by_label("Intitulés de poste").input_value() == "Contrôleur de gestion"
    assert page.get_by_role("checkbox", name="Indispensable : Types de contrat").is_checked()

    # A new matching profile arrives: the daily alert mails it.
    newcomer = CandidateProfileFactory(headline="Contrôleuse arrivée ensuite", contract_types=["CDI"])
    ExperienceFactory(profile=newcomer, title="Contrôleuse de gestion", start_date=date(2015, 1, 1))
    loader.record_change([newcomer.pk])
    report = saved_search_alerts_send(frequency="daily", now=timezone.now() + timedelta(days=1))
    assert report.profiles == 1
    [message] = mailoutbox
    assert "Contrôleuse arrivée ensuite" in message.body and "Contrôleuse 0" not in message.body
