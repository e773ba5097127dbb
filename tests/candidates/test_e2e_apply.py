"""Applying, in headless Chromium: to an offer (from its page) and spontaneously (from a company page).
A missing or fake CV is answered in French next to the CV field and nothing is sent; then the
application is sent, shown in "Mes candidatures" after a reload, and stored with its message and CV."""

import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from cms.services import site_ensure
from portal.candidates.models import private_storage
from recruiters.models import Application
from tests.candidates.browser import confirmed_candidate, expect_error_at, log_in, shot, submit
from tests.cms.conftest import publish_company_page
from tests.factories import CompanyFactory, JobOfferFactory
from tests.factories.candidates import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MESSAGE = "Soudeuse depuis huit ans, disponible dès janvier."


def _fake_pdf(tmp_path):
    fake = tmp_path / "cv.pdf"
    fake.write_text("Ceci est un texte, pas un PDF.", encoding="utf-8")
    return fake


@pytest.mark.forms("offer-apply")
@pytest.mark.forms_bad_input("offer-apply")
def test_apply_to_an_offer_with_a_new_cv(live_server, page, tmp_path, mailoutbox):
    offer = JobOfferFactory(published=True, title="Soudeur TIG H/F", company__name="Ateliers des Volcans")
    profile = confirmed_candidate()
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}{offer.get_absolute_url()}")
    page.get_by_role("link", name="Postuler").first.click()
    expect(page.get_by_role("heading", name="Postuler")).to_be_visible()

    page.get_by_label("Message au recruteur").fill(MESSAGE)
    submit(page, "Envoyer ma candidature")
    expect_error_at(page, "id_cv", "Joignez votre CV : un fichier PDF, DOCX ou ODT.")
    expect(page.get_by_label("Message au recruteur")).to_have_value(MESSAGE)
    page.get_by_label("Votre CV").set_input_files(str(_fake_pdf(tmp_path)))
    submit(page, "Envoyer ma candidature")
    expect_error_at(page, "id_cv", "Format non reconnu : envoyez un PDF, un DOCX ou un ODT.")
    shot(page, "apply-offer-error")
    assert not Application.objects.exists() and not mailoutbox

    real = tmp_path / "cv-elodie-fayolle.pdf"
    real.write_bytes(pdf_bytes("Élodie Fayolle", "Soudeuse TIG"))
    page.get_by_label("Votre CV").set_input_files(str(real))
    submit(page, "Envoyer ma candidature")
    expect(page.get_by_text("Votre candidature a bien été envoyée.")).to_be_visible()
    page.reload()
    expect(page).to_have_url(re.compile("/offres/mes-candidatures/$"))
    expect(page.get_by_role("link", name="Soudeur TIG H/F")).to_be_visible()
    shot(page, "apply-offer-sent")

    application = Application.objects.get()
    assert (application.offer, application.candidate, application.company.name, application.message,
            application.cv_original_name) == (offer, profile, "Ateliers des Volcans", MESSAGE, "cv-elodie-fayolle.pdf")
    with application.cv_file.open("rb") as handle:
        assert handle.read() == real.read_bytes()
    assert "Soudeuse TIG" in application.cv_text
    # Going back to the offer says it is done rather than offering to apply again.
    page.goto(f"{live_server.url}{offer.get_absolute_url()}postuler/")
    expect(page).to_have_url(re.compile("/offres/mes-candidatures/$"))
    expect(page.get_by_text("Vous avez déjà postulé à cette offre")).to_be_visible()


@pytest.mark.forms("company-spontaneous-apply")
@pytest.mark.forms_bad_input("company-spontaneous-apply")
def test_spontaneous_application_from_a_company_page_with_the_profile_cv(live_server, page, tmp_path, mailoutbox):
    site_ensure()
    company = CompanyFactory(name="Boulangerie Gaillard")
    company_page = publish_company_page(company, spontaneous_applications_enabled=True,
                                        spontaneous_applications_email="recrutement@gaillard.example")
    profile = confirmed_candidate()
    profile.cv_file.save("cv.pdf", ContentFile(pdf_bytes("Élodie Fayolle", "Boulangère")), save=False)
    profile.cv_original_name = "cv-elodie.pdf"
    profile.cv_uploaded_at = timezone.now()
    profile.save()
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}{company_page.url}postuler/")
    expect(page.get_by_role("heading", name="Candidature spontanée chez Boulangerie Gaillard")).to_be_visible()

    use_profile_cv = page.get_by_label("Utiliser le CV de mon profil (cv-elodie.pdf)")
    expect(use_profile_cv).to_be_checked()
    use_profile_cv.uncheck()
    page.get_by_label("Message au recruteur").fill(MESSAGE)
    submit(page, "Envoyer ma candidature")
    expect_error_at(page, "id_cv", "Choisissez le CV de votre profil ou joignez un fichier.")
    page.get_by_label("Ou joindre un autre CV").set_input_files(str(_fake_pdf(tmp_path)))
    submit(page, "Envoyer ma candidature")
    expect_error_at(page, "id_cv", "Format non reconnu : envoyez un PDF, un DOCX ou un ODT.")
    shot(page, "apply-spontaneous-error")
    assert not Application.objects.exists() and not mailoutbox

    page.get_by_label("Utiliser le CV de mon profil (cv-elodie.pdf)").check()
    submit(page, "Envoyer ma candidature")
    expect(page.get_by_text("Votre candidature spontanée a bien été envoyée.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("cell", name="Candidature spontanée")).to_be_visible()
    expect(page.get_by_text("Boulangerie Gaillard")).to_be_visible()
    shot(page, "apply-spontaneous-sent")

    application = Application.objects.get()
    assert (application.offer, application.company, application.candidate, application.message) == (
        None, company, profile, MESSAGE)
    with application.cv_file.open("rb") as sent, private_storage().open(profile.cv_file.name, "rb") as kept:
        assert sent.read() == kept.read()
    assert "recrutement@gaillard.example" in [address for message in mailoutbox for address in message.to]
