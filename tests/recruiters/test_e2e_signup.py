"""Recruiter sign-up typed in Chromium: both steps with bad then good input, the status screens (resend
the link, pending, log out), and the join request when the SIREN is already registered."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from cms.services import site_ensure
from recruiters.choices import CompanyType, JoinRequestStatus, RecruiterStatus
from recruiters.models import Company, JoinRequest, Recruiter, SignupDraft
from tests.factories import (
    CommuneFactory,
    CompanyFactory,
    JoinRequestFactory,
    NafSectorFactory,
    RecruiterFactory,
)

from .onboarding_browser import (
    STRONG_PASSWORD,
    expect_error_at,
    flash,
    link_in_mail,
    log_in,
    pick_commune,
    pick_sector,
    shot,
    submit,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "claire.martin@ateliers-volcans.example"


def fill_step2(page, *, siren: str, phone: str = "04 73 12 34 56") -> None:
    page.get_by_label("Votre prénom").fill("Claire")
    page.locator("#id_last_name").fill("Martin")
    page.get_by_label("Nom de l'entreprise").fill("Ateliers d'Auvergne")
    page.get_by_label("Adresse du siège social").fill("4 place de Jaude")
    pick_commune(page, page.get_by_role("combobox", name="Ville"), "clermont", "Clermont-Ferrand")
    page.get_by_label("Téléphone").fill(phone)
    page.get_by_label("Numéro de SIREN").fill(siren)
    pick_sector(page, "Secteur", "pneumat", "Fabrication et rechapage de pneumatiques", "22.11Z")
    page.get_by_label("Type d'entreprise").select_option(label="PME (10 à 249 salariés)")


@pytest.mark.forms("recruiter-signup-account", "recruiter-signup-company", "recruiter-confirmation-resend",
                   "recruiter-status-logout")
@pytest.mark.forms_bad_input("recruiter-signup-account", "recruiter-signup-company")
def test_sign_up_typed_in_a_browser(live_server, page):
    site_ensure()
    CommuneFactory()
    NafSectorFactory()
    NafSectorFactory(code="10.71C", label="Boulangerie et boulangerie-pâtisserie")
    base = live_server.url
    User = get_user_model()

    # Step 1: a wrong address and a password below the 12-character rule, both answered at once.
    page.goto(f"{base}/espace-recruteur/inscription/")
    page.get_by_label("Adresse électronique").fill("claire.martin@")
    page.get_by_label("Mot de passe").fill("Volcans2026")
    submit(page, "S'inscrire")
    expect_error_at(page, "id_email", "Saisissez une adresse électronique valide")
    expect_error_at(page, "id_password", "au minimum 12 caractères")
    expect_error_at(page, "id_password", "un caractère spécial")
    shot(page, "signup-1-account-errors")
    assert not SignupDraft.objects.exists() and not User.objects.exists()
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(STRONG_PASSWORD)
    submit(page, "S'inscrire")
    page.wait_for_url("**/inscription/entreprise/")

    # Step 2: a SIREN whose check digit is wrong, a short phone number, the terms left unchecked.
    fill_step2(page, siren="732 829 321", phone="04 73")
    page.get_by_label("J'accepte de recevoir les communications").check()
    submit(page, "Continuer")
    expect_error_at(page, "id_siren", "clé de contrôle ne correspond pas")
    expect_error_at(page, "id_phone", "numéro de téléphone n'est pas valide")
    expect_error_at(page, "id_cgu_accepted", "Vous devez accepter les conditions générales")
    expect(page.get_by_label("Nom de l'entreprise")).to_have_value("Ateliers d'Auvergne")
    shot(page, "signup-2-company-errors")
    assert not Company.objects.exists() and not User.objects.exists()

    # Reloading the step keeps what was typed (saved in the draft), sector and commune included.
    page.reload()
    expect(page.get_by_label("Nom de l'entreprise")).to_have_value("Ateliers d'Auvergne")
    expect(page.get_by_role("combobox", name="Ville")).to_have_value("Clermont-Ferrand (63)")
    expect(page.get_by_role("combobox", name="Secteur")).to_have_value(
        "Fabrication et rechapage de pneumatiques (22.11Z)")
    expect(page.get_by_label("J'accepte de recevoir les communications")).to_be_checked()
    page.get_by_label("Numéro de SIREN").fill("732 829 320")
    page.get_by_label("Téléphone").fill("04 73 12 34 56")
    page.locator("#id_cgu_accepted").check()
    submit(page, "Continuer")
    page.wait_for_url("**/inscription/envoyee/")
    expect(page.get_by_text(EMAIL)).to_be_visible()

    company = Company.objects.get()
    assert (company.name, company.siren, company.head_office_address, company.phone) == (
        "Ateliers d'Auvergne", "732829320", "4 place de Jaude", "+33473123456")
    assert (company.commune_id, company.naf_sector_id, company.company_type) == ("63113", "22.11Z", CompanyType.PME)
    recruiter = Recruiter.objects.get(company=company)
    assert recruiter.status == RecruiterStatus.PENDING and recruiter.communications_consent
    assert recruiter.cgu_accepted_at is not None and recruiter.user.email == EMAIL
    assert (recruiter.user.first_name, recruiter.user.last_name) == ("Claire", "Martin")
    assert not SignupDraft.objects.exists()

    # Logged in before confirming: the status page sends the link again.
    page.goto(f"{base}/espace-recruteur/connexion/")
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(STRONG_PASSWORD)
    submit(page, "Se connecter")
    expect(page.get_by_role("heading", name="Confirmez votre adresse électronique")).to_be_visible()
    sent = len(mail.outbox)
    submit(page, "Recevoir un nouveau lien")
    assert f"Un nouveau lien de confirmation a été envoyé à {EMAIL}" in flash(page)
    assert len(mail.outbox) == sent + 1 and mail.outbox[-1].to == [EMAIL]
    page.reload()
    expect(page.get_by_role("heading", name="Confirmez votre adresse électronique")).to_be_visible()

    # Confirmed: the account waits for a moderator, and the recruiter space stays closed.
    page.goto(base + link_in_mail("/compte/confirmer/", to=EMAIL))
    submit(page, "Confirmer mon adresse")
    page.goto(f"{base}/espace-recruteur/mon-compte/")
    expect(page.get_by_role("heading", name="Votre compte est en attente de validation")).to_be_visible()
    expect(page.get_by_text("Le compte d'Ateliers d'Auvergne (SIREN 732 829 320) a bien été enregistré.")).to_be_visible()
    shot(page, "signup-3-pending")
    page.goto(f"{base}/admin/recruteur/equipe/")
    expect(page.get_by_role("heading", name="Votre compte est en attente de validation")).to_be_visible()
    expect(page.get_by_role("heading", name="Équipe")).to_have_count(0)

    # Log out from the status page: the next visit asks to log in.
    page.goto(f"{base}/espace-recruteur/mon-compte/")
    submit(page, "Se déconnecter", form="recruiter-status-logout")
    assert "Vous êtes déconnecté" in flash(page)
    page.goto(f"{base}/espace-recruteur/mon-compte/")
    page.wait_for_url("**/espace-recruteur/connexion/**")


@pytest.mark.forms("recruiter-signup-company", "recruiter-join-request-accept", "recruiter-join-request-decline")
@pytest.mark.forms_bad_input("recruiter-signup-company")
def test_join_request_from_sign_up_accepted_by_the_team(live_server, page, browser):
    site_ensure()
    CommuneFactory()
    NafSectorFactory()
    company = CompanyFactory(name="Ateliers des Volcans", siren="732829320")
    founder = RecruiterFactory(company=company, user__first_name="Élodie", user__last_name="Fayolle")
    base = live_server.url

    page.goto(f"{base}/espace-recruteur/inscription/")
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(STRONG_PASSWORD)
    submit(page, "S'inscrire")
    fill_step2(page, siren="732 829 320")
    page.locator("#id_cgu_accepted").check()
    submit(page, "Continuer")
    expect_error_at(page, "id_siren", "déjà inscrite")
    expect(page.get_by_text("L'entreprise Ateliers des Volcans (SIREN 732 829 320) est déjà inscrite.")).to_be_visible()

    # Asking to join without accepting the terms is refused next to the checkbox.
    page.locator("#id_cgu_accepted").uncheck()
    submit(page, "Demander à rejoindre Ateliers des Volcans")
    expect_error_at(page, "id_cgu_accepted", "Vous devez accepter les conditions générales")
    shot(page, "join-1-errors")
    assert not JoinRequest.objects.exists()
    page.locator("#id_cgu_accepted").check()
    submit(page, "Demander à rejoindre Ateliers des Volcans")
    page.wait_for_url("**/inscription/envoyee/")
    join_request = JoinRequest.objects.get()
    assert (join_request.company, join_request.status, join_request.user.email) == (
        company, JoinRequestStatus.PENDING, EMAIL)
    assert join_request.user.first_name == "Claire" and Company.objects.count() == 1

    page.goto(base + link_in_mail("/compte/confirmer/", to=EMAIL))
    submit(page, "Confirmer mon adresse")
    page.wait_for_url("**/rattachement/confirme/")
    assert any(founder.user.email in m.to and "Claire Martin" in m.body for m in mail.outbox)

    # The founder accepts in the team page; a second, unknown requester is refused.
    stranger = JoinRequestFactory(company=company, user__first_name="Yves", user__last_name="Inconnu")
    team = browser.new_context(locale="fr-FR", viewport={"width": 1366, "height": 900})
    admin = team.new_page()
    log_in(admin, live_server, founder.user)
    admin.goto(f"{base}/admin/recruteur/equipe/")
    shot(admin, "join-2-team-requests")
    row = admin.get_by_role("row", name="Claire Martin")
    with admin.expect_navigation():
        row.get_by_role("button", name="Accepter la demande de Claire Martin").click()
    assert "Claire Martin fait maintenant partie de l'équipe." in flash(admin)
    with admin.expect_navigation():
        admin.get_by_role("button", name="Refuser la demande d'Yves Inconnu").click()
    assert "Demande d'Yves Inconnu refusée." in flash(admin)
    admin.reload()
    members = admin.get_by_role("table").first
    expect(members).to_contain_text("Claire Martin")
    expect(admin.get_by_text("Demandes pour rejoindre l'équipe")).to_have_count(0)
    team.close()
    assert Recruiter.objects.get(user__email=EMAIL).status == RecruiterStatus.APPROVED
    stranger.refresh_from_db()
    assert stranger.status == JoinRequestStatus.DECLINED
