"""Login and password reset in headless Chromium, as a person does them: a mistake first (the French
message next to the field, nothing changed), then the right input, and the result read back."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from tests.candidates.browser import confirmed_candidate, expect_error_at, shot, submit
from tests.factories.accounts import DEFAULT_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Chaudronnerie-63!"
NEW_PASSWORD_LABEL = re.compile(r"^\s*Nouveau mot de passe\*?\s*$")


@pytest.mark.forms("account-login")
@pytest.mark.forms_bad_input("account-login")
def test_login_refuses_a_bad_address_and_a_wrong_password_then_signs_in(live_server, page):
    profile = confirmed_candidate(last_active_at=timezone.now() - timedelta(days=300))
    page.goto(f"{live_server.url}/compte/connexion/?next=/espace-candidat/profil/identite/")
    page.get_by_label("Adresse électronique").fill("elodie@")
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    submit(page, "Se connecter")
    expect_error_at(page, "id_username", "Saisissez une adresse électronique valide")

    page.get_by_label("Adresse électronique").fill("elodie@example.org")
    page.get_by_label("Mot de passe").fill("pas-le-bon-mot-de-passe")
    submit(page, "Se connecter")
    expect(page.get_by_text("Adresse électronique ou mot de passe incorrect.")).to_be_visible()
    expect(page.get_by_label("Adresse électronique")).to_have_value("elodie@example.org")
    shot(page, "login-error")
    profile.user.refresh_from_db()
    assert profile.user.last_login is None

    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    submit(page, "Se connecter")
    expect(page).to_have_url(re.compile("/espace-candidat/profil/identite/$"))
    page.reload()
    expect(page.get_by_role("heading", name="Identité et coordonnées")).to_be_visible()
    profile.user.refresh_from_db()
    profile.refresh_from_db()
    # Signing in resets the two-year retention clock of the profile.
    assert profile.user.last_login is not None and timezone.localtime(profile.last_active_at).date() == timezone.localdate()


@pytest.mark.forms("account-password-reset", "account-password-set")
@pytest.mark.forms_bad_input("account-password-reset", "account-password-set")
def test_password_reset_from_the_request_to_the_new_password(live_server, page, mailoutbox, settings):
    settings.SITE_URL = live_server.url
    profile = confirmed_candidate()
    page.goto(f"{live_server.url}/compte/connexion/")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    page.get_by_label("Adresse électronique").fill("pas-une-adresse")
    submit(page, "Recevoir le lien")
    expect_error_at(page, "id_email", "Saisissez une adresse électronique valide")
    shot(page, "password-reset-error")
    assert not mailoutbox

    page.get_by_label("Adresse électronique").fill("elodie@example.org")
    submit(page, "Recevoir le lien")
    expect(page.get_by_role("heading", name="Consultez votre messagerie")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Consultez votre messagerie")).to_be_visible()
    (message,) = mailoutbox
    assert message.to == ["elodie@example.org"]
    link = re.search(r"https?://\S+/compte/mot-de-passe/\S+/\S+/", message.body).group(0)

    page.goto(link)
    expect(page.get_by_role("heading", name="Choisissez un nouveau mot de passe")).to_be_visible()
    page.get_by_label(NEW_PASSWORD_LABEL).fill(NEW_PASSWORD)
    page.get_by_label("Confirmation du nouveau mot de passe").fill("Chaudronnerie-64!")
    submit(page, "Enregistrer le mot de passe")
    expect_error_at(page, "id_new_password2", "Les deux mots de passe ne correspondent pas.")
    page.get_by_label(NEW_PASSWORD_LABEL).fill("court")
    page.get_by_label("Confirmation du nouveau mot de passe").fill("court")
    submit(page, "Enregistrer le mot de passe")
    expect_error_at(page, "id_new_password1", "Il doit contenir au minimum 12 caractères.")
    shot(page, "password-set-error")
    profile.user.refresh_from_db()
    assert profile.user.check_password(DEFAULT_PASSWORD)

    page.get_by_label(NEW_PASSWORD_LABEL).fill(NEW_PASSWORD)
    page.get_by_label("Confirmation du nouveau mot de passe").fill(NEW_PASSWORD)
    submit(page, "Enregistrer le mot de passe")
    expect(page.get_by_role("heading", name="Mot de passe modifié")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Mot de passe modifié")).to_be_visible()
    user = get_user_model().objects.get(pk=profile.user_id)
    assert user.check_password(NEW_PASSWORD) and not user.check_password(DEFAULT_PASSWORD)

    # The new password opens the account.
    page.get_by_role("main").get_by_role("link", name="Se connecter").click()
    page.get_by_label("Adresse électronique").fill("elodie@example.org")
    page.get_by_label("Mot de passe").fill(NEW_PASSWORD)
    submit(page, "Se connecter")
    expect(page.get_by_role("button", name="Se déconnecter").first).to_be_visible()
