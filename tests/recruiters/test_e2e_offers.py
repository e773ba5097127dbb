"""Issue 6 in headless Chromium: a recruiter publishes an offer, a candidate finds it on /offres/ and
applies, the recruiter sees the application and moves it to Entretien. Screenshots go to /tmp."""

import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from haystack import connections

from cms.services import site_ensure
from recruiters.choices import ApplicationStatus, OfferStatus
from recruiters.models import Application, JobOffer
from tests.factories import CandidateProfileFactory, CommuneFactory, RecruiterFactory
from tests.factories.accounts import DEFAULT_PASSWORD
from tests.factories.candidates import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/vivier-issue6"


def shot(page, name):
    page.screenshot(path=f"{SHOTS}-{name}.png", full_page=True)


def test_offer_to_interview_in_a_browser(live_server, browser, page):
    site_ensure()
    connections["offers"].get_backend().clear()
    CommuneFactory()
    recruiter = RecruiterFactory(user__email="rh@volcans.example", user__first_name="Claire")
    profile = CandidateProfileFactory(user__email="lina@example.org", user__first_name="Lina",
                                      user__last_name="Benali")
    profile.user.email_confirmed_at = timezone.now()
    profile.user.save()
    profile.cv_file.save("cv.pdf", ContentFile(pdf_bytes("Lina Benali", "Soudeuse TIG")), save=False)
    profile.cv_original_name = "cv-lina.pdf"
    profile.cv_uploaded_at = timezone.now()
    profile.save()
    base = live_server.url

    # The recruiter writes and publishes an offer.
    page.goto(f"{base}/espace-recruteur/connexion/")
    page.get_by_label("Adresse électronique").fill(recruiter.user.email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/admin/")
    page.get_by_role("link", name="Mes offres", exact=True).first.click()
    page.get_by_role("link", name="Créer une offre").click()
    page.get_by_label("Intitulé de l'offre").fill("Soudeur TIG H/F")
    page.locator("#id_description").locator("xpath=..").locator("[contenteditable=true]").first.click()
    page.keyboard.type("Soudure TIG sur inox pour l'agroalimentaire.")
    page.get_by_label("Intitulés de poste").fill("Soudeur")
    page.get_by_label("Type de contrat").select_option("CDI")
    place = page.get_by_label("Lieu de travail")
    place.fill("clermont")
    page.get_by_role("option", name=re.compile("Clermont-Ferrand")).wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    shot(page, "1-offer-form")
    page.get_by_role("button", name="Enregistrer et publier").click()
    page.get_by_text("est publiée").wait_for()
    shot(page, "2-offer-published")
    offer = JobOffer.objects.get()
    assert offer.status == OfferStatus.PUBLISHED and offer.commune_id == "63113"
    assert "Soudure TIG" in offer.description

    # The candidate finds it on /offres/ and applies with the profile CV.
    candidate = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    cpage = candidate.new_page()
    cpage.goto(f"{base}/offres/")
    cpage.get_by_label("Métier, mots-clés").fill("soudeurs")
    cpage.get_by_role("button", name="Rechercher").click()
    shot(cpage, "3-search")
    cpage.get_by_role("link", name="Soudeur TIG H/F").click()
    shot(cpage, "4-offer-page")
    cpage.get_by_role("link", name="Postuler").click()
    cpage.wait_for_url("**/compte/connexion/**")
    cpage.get_by_label("Adresse électronique").fill(profile.user.email)
    cpage.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    cpage.get_by_role("button", name="Se connecter").click()
    cpage.wait_for_url("**/postuler/")
    cpage.get_by_label("Message au recruteur").fill("Soudeuse depuis huit ans, disponible en janvier.")
    shot(cpage, "5-apply")
    cpage.get_by_role("button", name="Envoyer ma candidature").click()
    cpage.wait_for_url("**/offres/mes-candidatures/")
    assert cpage.get_by_text("Soudeur TIG H/F").is_visible()
    shot(cpage, "6-my-applications")
    candidate.close()

    # The recruiter sees it and moves it to Entretien.
    page.goto(f"{base}/admin/")
    page.get_by_role("link", name="Mes candidatures", exact=True).first.click()
    page.wait_for_url("**/admin/recruteur/candidatures/")
    page.get_by_role("link", name="Lina Benali").wait_for()
    shot(page, "7-applications")
    page.get_by_role("link", name="Lina Benali").click()
    page.locator('[data-form="recruiter-application-status"]').get_by_label("Statut").select_option("interview")
    page.get_by_role("button", name="Changer le statut", exact=True).click()
    page.get_by_text("Statut mis à jour : Entretien.").wait_for()
    shot(page, "8-application")
    application = Application.objects.get()
    assert application.status == ApplicationStatus.INTERVIEW and application.seen_at is not None
