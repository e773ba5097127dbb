"""The CVthèque in headless Chromium: search, tick a facet, open a profile, comment, retain into a folder.
Skipped when Chromium is missing (see tests/conftest.py)."""

import re

import pytest
from playwright.sync_api import expect

from cms.services import site_ensure
from search.models import Comment, FolderProfile
from tests.factories.accounts import DEFAULT_PASSWORD

from .conftest import reindex

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_search_narrow_open_comment_and_retain(live_server, page, index, make_profile, recruiter):
    site_ensure()
    make_profile(headline="Technicienne de maintenance", cv_text="Maintenance industrielle, GMAO.",
                 contract_types=["CDI"])
    make_profile(headline="Technicien de maintenance", cv_text="Maintenance des lignes.", contract_types=["CDD"],
                 home="riom")
    make_profile(headline="Boulangère", cv_text="Viennoiseries.", contract_types=["CDI"])
    reindex()
    base = live_server.url

    page.goto(f"{base}/espace-recruteur/connexion/")
    page.locator("input[name=username]").fill(recruiter.user.email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{base}/admin/")

    # The dashboard's CVthèque panel leads to the search page.
    page.get_by_label("Rechercher des profils").fill("techniciennes")
    page.get_by_label("Rechercher des profils").press("Enter")
    page.wait_for_url(re.compile(r".*/admin/cvtheque/\?q=techniciennes"))
    assert page.locator("#cvtheque-count").inner_text() == "2 PROFILS"
    assert page.locator("mark").first.inner_text() in {"Technicienne", "Technicien"}
    page.screenshot(path="/tmp/cvtheque-e2e-search.png", full_page=True)

    # Ticking "CDI" narrows to one profile; the count next to it was exact.
    cdi = page.locator('[data-facet="contract_type"] a[data-value="CDI"]')
    assert "(1)" in cdi.inner_text()
    cdi.click()
    page.wait_for_url(re.compile(r".*contract_type=CDI"))
    expect(page.locator("#cvtheque-count")).to_have_text("1 PROFIL")

    # Open the profile, comment, retain it into a new folder.
    page.get_by_role("link", name="Technicienne de maintenance").click()
    page.wait_for_url(re.compile(r".*/admin/cvtheque/profils/\d+/"))
    page.get_by_label("Commentaire (visible uniquement par votre entreprise)").fill("À appeler cette semaine.")
    page.get_by_role("button", name="Ajouter le commentaire").click()
    expect(page.get_by_text("Commentaire ajouté.")).to_be_visible()
    expect(page.get_by_text("À appeler cette semaine.")).to_be_visible()
    page.get_by_label("ou nouveau dossier").fill("Maintenance Clermont")
    page.get_by_role("button", name="Retenir dans ce dossier").click()
    expect(page.get_by_text("Profil retenu dans le dossier « Maintenance Clermont ».")).to_be_visible()
    page.screenshot(path="/tmp/cvtheque-e2e-profile.png", full_page=True)

    # Back to the results: the card is marked seen and commented.
    page.get_by_role("link", name="Retour aux résultats").click()
    page.wait_for_url(re.compile(r".*/admin/cvtheque/\?q=techniciennes"))
    card = page.locator("li.cvtheque-card").first
    assert "Déjà vu" in card.inner_text() and "1 commentaire" in card.inner_text() and "Retenu" in card.inner_text()

    assert Comment.objects.get().text == "À appeler cette semaine."
    assert FolderProfile.objects.get().folder.name == "Maintenance Clermont"
