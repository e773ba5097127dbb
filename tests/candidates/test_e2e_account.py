"""The candidate's account in headless Chromium: sign-up and address confirmation, the confirmation
resent, the CV, the CVthèque consent, the data export and the erasure of the account, the logout.

Every form is filled as a person would, submitted with a mistake first (the French message must
show next to the field and nothing be stored), then correctly, and read back after a reload.
"""

import io
import json
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from portal.candidates.models import CandidateProfile, private_storage
from recruiters.choices import ApplicationStatus
from recruiters.services_offers import application_status_set
from tests.candidates.browser import confirmed_candidate, expect_error_at, log_in, shot, submit
from tests.factories import ApplicationFactory, CandidateUserFactory, RecruiterFactory
from tests.factories.accounts import DEFAULT_PASSWORD
from tests.factories.candidates import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Soudure-TIG-2026!"


def _link(message) -> str:
    return re.search(r"https?://\S+/compte/confirmer/\S+", message.body).group(0)


@pytest.mark.forms("candidate-signup", "account-email-confirm")
@pytest.mark.forms_bad_input("candidate-signup")
def test_sign_up_then_confirm_the_address(live_server, page, mailoutbox, settings):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/espace-candidat/inscription/")
    page.get_by_label("Prénom").fill("Élodie")
    page.get_by_role("textbox", name=re.compile("^Nom")).fill("Fayolle")
    page.get_by_label("Adresse électronique").fill("elodie@")
    page.get_by_label("Mot de passe").fill("court")
    submit(page, "Créer mon compte")
    expect_error_at(page, "id_email", "Saisissez une adresse électronique valide")
    expect_error_at(page, "id_privacy_read", "Cochez cette case après avoir lu la page « Données personnelles ».")
    expect(page.get_by_label("Prénom")).to_have_value("Élodie")
    shot(page, "signup-error")
    assert not get_user_model().objects.exists() and not mailoutbox

    page.get_by_label("Adresse électronique").fill("elodie.fayolle@example.org")
    page.get_by_label("Mot de passe").fill("court")
    page.get_by_label("J'ai lu comment mes données personnelles sont utilisées").check()
    submit(page, "Créer mon compte")
    expect_error_at(page, "id_password", "Il doit contenir au minimum 12 caractères.")
    assert not get_user_model().objects.exists()

    page.get_by_label("Mot de passe").fill(NEW_PASSWORD)
    page.get_by_label("J'ai lu comment mes données personnelles sont utilisées").check()
    submit(page, "Créer mon compte")
    expect(page.get_by_role("heading", name="Vérifiez votre boîte de réception")).to_be_visible()
    page.reload()
    expect(page.get_by_text("elodie.fayolle@example.org")).to_be_visible()
    user = get_user_model().objects.get()
    assert (user.email, user.first_name, user.last_name, user.email_confirmed_at) == (
        "elodie.fayolle@example.org", "Élodie", "Fayolle", None)
    assert user.check_password(NEW_PASSWORD) and CandidateProfile.objects.filter(user=user).exists()

    # The link of the e-mail shows a button; the same browser is signed in once it is pressed.
    (message,) = mailoutbox
    page.goto(_link(message))
    expect(page.get_by_text("elodie.fayolle@example.org")).to_be_visible()
    shot(page, "email-confirm")
    submit(page, "Confirmer mon adresse")
    expect(page.get_by_text("Votre adresse électronique est confirmée : vous êtes connecté.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Bonjour Élodie")).to_be_visible()
    user.refresh_from_db()
    assert user.email_confirmed_at is not None


@pytest.mark.forms("candidate-confirmation-resend")
def test_an_unconfirmed_candidate_asks_for_a_new_link(live_server, page, mailoutbox, settings):
    settings.SITE_URL = live_server.url
    user = CandidateUserFactory(email="lina@example.org", first_name="Lina")
    log_in(page, live_server, user)
    page.goto(f"{live_server.url}/espace-candidat/profil/identite/")
    expect(page).to_have_url(re.compile("/espace-candidat/confirmation/$"))
    expect(page.get_by_role("main").get_by_text("lina@example.org")).to_be_visible()
    submit(page, "Renvoyer le lien")
    expect(page.get_by_text("Un nouveau lien de confirmation a été envoyé à lina@example.org.")).to_be_visible()
    shot(page, "confirmation-resent")
    page.reload()
    expect(page.get_by_role("heading", name="Confirmez votre adresse électronique")).to_be_visible()
    (message,) = mailoutbox
    assert message.to == ["lina@example.org"] and _link(message)
    user.refresh_from_db()
    assert user.email_confirmed_at is None


@pytest.mark.forms("candidate-cv", "candidate-cv-delete")
@pytest.mark.forms_bad_input("candidate-cv")
def test_cv_upload_refuses_a_fake_pdf_then_keeps_a_real_one(live_server, page, tmp_path):
    profile = confirmed_candidate()
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}/espace-candidat/profil/cv/")
    fake = tmp_path / "cv-elodie.pdf"
    fake.write_text("Élodie Fayolle, soudeuse TIG : ce n'est pas un PDF.", encoding="utf-8")
    page.get_by_label("CV").set_input_files(str(fake))
    submit(page, "Envoyer mon CV")
    expect_error_at(page, "id_cv", "Format non reconnu : envoyez un PDF, un DOCX ou un ODT.")
    shot(page, "cv-error")
    profile.refresh_from_db()
    assert not profile.cv_file and not profile.cv_original_name

    real = tmp_path / "cv-elodie-fayolle.pdf"
    real.write_bytes(pdf_bytes("Élodie Fayolle", "Soudeuse TIG, 8 ans d'expérience"))
    page.get_by_label("CV").set_input_files(str(real))
    submit(page, "Envoyer mon CV")
    expect(page.get_by_text("Votre CV est enregistré.")).to_be_visible()
    page.reload()
    expect(page.get_by_text("cv-elodie-fayolle.pdf")).to_be_visible()
    shot(page, "cv-saved")
    profile.refresh_from_db()
    assert profile.cv_original_name == "cv-elodie-fayolle.pdf" and "Soudeuse TIG" in profile.cv_text
    with private_storage().open(profile.cv_file.name, "rb") as handle:
        assert handle.read() == real.read_bytes()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger").click()
    assert download.value.suggested_filename == "cv-elodie-fayolle.pdf"

    stored = profile.cv_file.name
    submit(page, "Supprimer mon CV")
    expect(page.get_by_text("Votre CV a été supprimé.")).to_be_visible()
    page.reload()
    expect(page.get_by_text("Vous n'avez pas encore déposé de CV.")).to_be_visible()
    profile.refresh_from_db()
    assert not profile.cv_file and not private_storage().exists(stored)


@pytest.mark.forms("candidate-visibility")
def test_consent_to_the_cvtheque_is_given_and_withdrawn(live_server, page):
    profile = confirmed_candidate()
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}/espace-candidat/profil/visibilite/")
    box = page.get_by_label(re.compile("J'accepte que mon profil et mon CV soient consultables"))
    expect(box).not_to_be_checked()
    box.check()
    submit(page, "Enregistrer mon choix")
    expect(page.get_by_text("Votre profil est visible dans la CVthèque.")).to_be_visible()
    page.reload()
    expect(box).to_be_checked()
    expect(page.get_by_text(re.compile(r"Accord donné le \d+"))).to_be_visible()
    shot(page, "visibility-given")
    profile.refresh_from_db()
    assert profile.visible_in_cvtheque and profile.consent_at is not None

    box.uncheck()
    submit(page, "Enregistrer mon choix")
    expect(page.get_by_text("Votre profil n'est plus visible dans la CVthèque.")).to_be_visible()
    page.reload()
    expect(box).not_to_be_checked()
    profile.refresh_from_db()
    assert not profile.visible_in_cvtheque


@pytest.mark.forms("candidate-export")
def test_the_export_downloaded_holds_the_applications(live_server, page):
    profile = confirmed_candidate()
    profile.cv_file.save("cv.pdf", ContentFile(pdf_bytes("Élodie Fayolle")), save=False)
    profile.cv_original_name = "cv-elodie.pdf"
    profile.cv_uploaded_at = timezone.now()
    profile.save()
    application = ApplicationFactory(candidate=profile, offer__title="Soudeuse TIG H/F",
                                     offer__company__name="Ateliers des Volcans", message="Disponible en janvier.")
    recruiter = RecruiterFactory(company=application.company)
    application_status_set(applications=[application], status=ApplicationStatus.TO_CONTACT, user=recruiter.user)
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}/espace-candidat/donnees-personnelles/")
    shot(page, "personal-data")
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger mes données").click()
    assert re.fullmatch(r"vivier-mes-donnees-\d{4}-\d{2}-\d{2}\.zip", download.value.suggested_filename)
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    data = json.loads(archive.read("donnees.json"))
    assert data["account"]["email"] == "elodie@example.org"
    (sent,) = data["applications"]
    assert (sent["company"], sent["offer"]["title"], sent["message"], sent["status"]) == (
        "Ateliers des Volcans", "Soudeuse TIG H/F", "Disponible en janvier.", "À contacter")
    assert sent["history"][-1]["details"] == "Nouvelle → À contacter"
    assert archive.read(sent["cv"]["file_in_archive"]).startswith(b"%PDF-")
    assert archive.read(data["profile"]["cv"]["file_in_archive"]).startswith(b"%PDF-")
    page.reload()
    expect(page.get_by_role("button", name="Télécharger mes données")).to_be_visible()
    assert CandidateProfile.objects.filter(pk=profile.pk).exists()


@pytest.mark.forms("candidate-erase")
@pytest.mark.forms_bad_input("candidate-erase")
def test_erasing_the_account_asks_for_the_password_and_the_box(live_server, page):
    profile = confirmed_candidate()
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}/espace-candidat/donnees-personnelles/supprimer/")
    page.get_by_label("Votre mot de passe").fill("pas-le-bon")
    submit(page, "Supprimer définitivement mon compte")
    expect_error_at(page, "id_confirm", "Cochez cette case pour confirmer la suppression.")
    page.get_by_label("Votre mot de passe").fill("pas-le-bon")
    page.get_by_label(re.compile("Je comprends que mon compte")).check()
    submit(page, "Supprimer définitivement mon compte")
    expect_error_at(page, "id_password", "Mot de passe incorrect : votre compte n'a pas été supprimé.")
    shot(page, "erase-error")
    assert get_user_model().objects.filter(pk=profile.user_id).exists()

    page.get_by_label("Votre mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_label(re.compile("Je comprends que mon compte")).check()
    submit(page, "Supprimer définitivement mon compte")
    expect(page.get_by_text("Votre compte, votre profil et votre CV ont été supprimés.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
    assert not get_user_model().objects.filter(pk=profile.user_id).exists()
    assert not CandidateProfile.objects.filter(pk=profile.pk).exists()


@pytest.mark.forms("candidate-nav-logout")
def test_logging_out_from_the_candidate_menu(live_server, page):
    profile = confirmed_candidate()
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}/espace-candidat/")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Mon espace candidat").get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_text("Vous êtes déconnecté.")).to_be_visible()
    page.goto(f"{live_server.url}/espace-candidat/profil/identite/")
    expect(page).to_have_url(re.compile("/compte/connexion/"))
    assert not any(s.get_decoded().get("_auth_user_id") == str(profile.user_id) for s in Session.objects.all())
