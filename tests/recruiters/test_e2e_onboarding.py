"""The whole onboarding in headless Chromium: sign up, confirm, pending screen, staff approval,
recruiter dashboard, colleague invitation. Skipped when Chromium is missing (see tests/conftest.py)."""

import re

import pytest
from django.core import mail

from cms.services import site_ensure
from recruiters.choices import RecruiterStatus
from recruiters.models import Invitation, Recruiter
from tests.factories import CommuneFactory, ModeratorFactory, NafSectorFactory
from tests.factories.accounts import DEFAULT_PASSWORD

from .onboarding_browser import pick_sector

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "claire.martin@ateliers-volcans.example"
PASSWORD = "Recrute-Volcans-2026!"


def path_of_link(fragment: str) -> str:
    for message in reversed(mail.outbox):
        match = re.search(r"https?://[^/\s]+(\S*" + re.escape(fragment) + r"\S*)", message.body)
        if match:
            return match.group(1)
    raise AssertionError(f"no e-mail with a link to {fragment}")


@pytest.mark.forms("moderation-recruiter-approve", "recruiter-invite-colleague")
def test_recruiter_onboarding_in_a_browser(live_server, browser, page):
    site_ensure()
    CommuneFactory()
    NafSectorFactory()
    moderator = ModeratorFactory(email="moderatrice@vivier.example")
    base = live_server.url

    # Public entry page, then sign-up step 1 with the rules visible before typing.
    page.goto(f"{base}/espace-recruteur/")
    page.get_by_role("link", name="Inscription", exact=True).click()
    assert page.get_by_text("au moins 12 caractères").is_visible()
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="S'inscrire").click()

    # Step 2: a wrong SIREN is explained, nothing typed is lost.
    page.wait_for_url("**/inscription/entreprise/")
    page.get_by_label("Votre prénom").fill("Claire")
    page.locator("#id_last_name").fill("Martin")
    page.get_by_label("Nom de l'entreprise").fill("Ateliers des Volcans")
    page.get_by_label("Adresse du siège social").fill("4 place de Jaude")
    page.get_by_label("Ville").fill("clermont")
    page.get_by_role("option", name=re.compile("Clermont-Ferrand")).wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.get_by_label("Téléphone").fill("04 73 12 34 56")
    page.get_by_label("Numéro de SIREN").fill("732 829 321")
    pick_sector(page, "Secteur", "pneumatiques", "Fabrication et rechapage de pneumatiques", "22.11Z")
    page.get_by_label("Type d'entreprise").select_option("pme")
    page.locator("#id_cgu_accepted").check()
    page.get_by_role("button", name="Continuer").click()
    assert page.get_by_text("clé de contrôle ne correspond pas").first.is_visible()
    assert page.get_by_label("Nom de l'entreprise").input_value() == "Ateliers des Volcans"
    page.get_by_label("Numéro de SIREN").fill("732 829 320")
    page.locator("#id_cgu_accepted").check()
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_url("**/inscription/envoyee/")

    # Confirm the address from the e-mail: the account is now pending.
    page.goto(base + path_of_link("/compte/confirmer/"))
    page.get_by_role("button", name="Confirmer mon adresse").click()
    page.wait_for_url("**/inscription/confirmee/")
    page.goto(f"{base}/espace-recruteur/connexion/")
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/espace-recruteur/mon-compte/")
    assert page.get_by_role("heading", name="Votre compte est en attente de validation").is_visible()

    # A moderator approves the account in the Wagtail admin.
    staff = browser.new_context(locale="fr-FR", viewport={"width": 1400, "height": 900})
    staff_page = staff.new_page()
    staff_page.goto(f"{base}/admin/")
    staff_page.get_by_label("Adresse électronique").fill(moderator.email)
    staff_page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    staff_page.get_by_role("button", name="Se connecter").click()
    staff_page.goto(f"{base}/admin/recruiters/recruiter/?status=pending")
    staff_page.get_by_role("link", name="Valider", exact=True).click()
    staff_page.get_by_role("button", name="Valider le compte").click()
    staff_page.get_by_text("est validé").wait_for()
    staff.close()
    assert Recruiter.objects.get(user__email=EMAIL).status == RecruiterStatus.APPROVED
    assert any("validé" in m.subject and m.to == [EMAIL] for m in mail.outbox)

    # The recruiter now lands on the scoped dashboard and invites a colleague.
    page.goto(f"{base}/admin/")
    page.get_by_role("heading", name="Bonjour Claire").wait_for()
    assert page.get_by_text("Ateliers des Volcans").first.is_visible()
    assert page.get_by_role("heading", name="Mes offres et candidatures").is_visible()
    page.goto(f"{base}/admin/recruteur/equipe/")
    page.get_by_label("Adresse électronique de votre collègue").fill("paul.durand@ateliers-volcans.example")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    page.get_by_text("Invitation envoyée à paul.durand@ateliers-volcans.example").wait_for()
    assert Invitation.objects.get().company.name == "Ateliers des Volcans"
    assert path_of_link("/espace-recruteur/invitation/")
