"""The recruiter's team, invitations and contact form typed in Chromium: bad input answered next to the
field, good input stored and shown again after a reload."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from cms.services import site_ensure
from portal.accounts.choices import Role
from recruiters.choices import RecruiterStatus
from recruiters.models import ContactRequest, Invitation, Recruiter
from recruiters.services import invitation_token
from tests.factories import (
    CandidateUserFactory,
    CompanyFactory,
    InvitationFactory,
    ModeratorFactory,
    RecruiterFactory,
)

from .onboarding_browser import STRONG_PASSWORD, expect_error_at, flash, log_in, shot, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def team(db):
    site_ensure()
    company = CompanyFactory(name="Ateliers des Volcans")
    elodie = RecruiterFactory(company=company, user__first_name="Élodie", user__last_name="Fayolle",
                              user__email="elodie@ateliers-volcans.example")
    paul = RecruiterFactory(company=company, user__first_name="Paul", user__last_name="Durand",
                            user__email="paul@ateliers-volcans.example")
    return company, elodie, paul


@pytest.mark.forms("recruiter-invite-colleague", "recruiter-invitation-revoke", "recruiter-leave")
@pytest.mark.forms_bad_input("recruiter-invite-colleague")
def test_invite_revoke_and_leave_the_team(live_server, page, team):
    company, elodie, paul = team
    base = live_server.url
    log_in(page, live_server, elodie.user)
    page.goto(f"{base}/admin/recruteur/equipe/")
    box = page.get_by_label("Adresse électronique de votre collègue")

    # A half-typed address, then a colleague already in the team: refused next to the field.
    box.fill("lina.roux@")
    submit(page, "Envoyer l'invitation")
    expect_error_at(page, "id_email", "Saisissez une adresse électronique valide")
    expect(box).to_have_value("lina.roux@")
    box.fill("PAUL@ateliers-volcans.example")
    submit(page, "Envoyer l'invitation")
    expect_error_at(page, "id_email", "Cette personne fait déjà partie de votre équipe.")
    shot(page, "team-1-invite-errors")
    assert not Invitation.objects.exists() and not mail.outbox

    box.fill("lina.roux@ateliers-volcans.example")
    submit(page, "Envoyer l'invitation")
    assert "Invitation envoyée à lina.roux@ateliers-volcans.example." in flash(page)
    page.reload()
    pending = page.get_by_role("table").filter(has_text="lina.roux@ateliers-volcans.example")
    expect(pending).to_contain_text("Élodie Fayolle")
    invitation = Invitation.objects.get()
    assert (invitation.company, invitation.email, invitation.invited_by) == (
        company, "lina.roux@ateliers-volcans.example", elodie.user)
    assert mail.outbox[-1].to == ["lina.roux@ateliers-volcans.example"]
    assert "l'équipe de recruteurs d'Ateliers des Volcans" in mail.outbox[-1].body
    shot(page, "team-2-invited")

    submit(page, "Annuler l'invitation pour lina.roux@ateliers-volcans.example")
    assert "L'invitation envoyée à lina.roux@ateliers-volcans.example est annulée." in flash(page)
    page.reload()
    expect(page.get_by_text("Invitations en cours")).to_have_count(0)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None

    # Leaving: the confirmation page names the company, then the recruiter space is closed.
    page.get_by_role("link", name="Quitter Ateliers des Volcans").click()
    expect(page.get_by_text("Vous êtes sur le point de quitter l'équipe d'Ateliers des Volcans.")).to_be_visible()
    shot(page, "team-3-leave")
    submit(page, "Quitter l'entreprise")
    assert "Vous avez quitté l'équipe d'Ateliers des Volcans." in flash(page)
    expect(page.get_by_role("heading", name="Pas de compte recruteur")).to_be_visible()
    assert not Recruiter.objects.filter(user=elodie.user).exists()
    assert Recruiter.objects.filter(company=company).get() == paul
    page.goto(f"{base}/admin/recruteur/equipe/")
    expect(page.get_by_role("heading", name="Pas de compte recruteur")).to_be_visible()


@pytest.mark.forms("recruiter-invitation-signup", "recruiter-invitation-join", "recruiter-invitation-logout")
@pytest.mark.forms_bad_input("recruiter-invitation-signup")
def test_accept_an_invitation(live_server, page, team):
    company, elodie, _paul = team
    base = live_server.url
    invitation = InvitationFactory(company=company, invited_by=elodie.user, email="lina.roux@ateliers-volcans.example")
    link = f"{base}/espace-recruteur/invitation/{invitation_token(invitation)}/"

    # A new colleague creates her account from the link: empty name and a weak password first.
    page.goto(link)
    expect(page.get_by_text("Élodie Fayolle vous invite à rejoindre l'équipe de recruteurs d'Ateliers des Volcans.")
           ).to_be_visible()
    page.get_by_label("Votre nom").fill("Roux")
    page.get_by_label("Mot de passe").fill("roux2026")
    submit(page, "Créer mon compte et rejoindre l'équipe")
    expect_error_at(page, "id_first_name", "Indiquez votre prénom.")
    expect_error_at(page, "id_password", "au minimum 12 caractères")
    expect(page.get_by_label("Votre nom")).to_have_value("Roux")
    shot(page, "invitation-1-errors")
    assert not get_user_model().objects.filter(email=invitation.email).exists()

    page.get_by_label("Votre prénom").fill("Lina")
    page.get_by_label("Mot de passe").fill(STRONG_PASSWORD)
    submit(page, "Créer mon compte et rejoindre l'équipe")
    page.wait_for_url("**/admin/")
    assert "Bienvenue dans l'équipe d'Ateliers des Volcans !" in flash(page)
    page.goto(f"{base}/admin/recruteur/equipe/")
    expect(page.get_by_role("row", name="Lina Roux (vous)")).to_be_visible()
    lina = Recruiter.objects.get(user__email="lina.roux@ateliers-volcans.example")
    assert (lina.company, lina.status, lina.user.first_name) == (company, RecruiterStatus.APPROVED, "Lina")
    assert lina.user.check_password(STRONG_PASSWORD)

    # Someone else's session on this browser: the page says so and offers to log out.
    candidate = CandidateUserFactory(email="yves@example.org", first_name="Yves")
    second = InvitationFactory(company=company, invited_by=elodie.user, email="yves@example.org")
    second_link = f"{base}/espace-recruteur/invitation/{invitation_token(second)}/"
    page.goto(second_link)
    expect(page.get_by_text("Cette invitation a été envoyée à yves@example.org")).to_be_visible()
    submit(page, "Se déconnecter", form="recruiter-invitation-logout")
    page.goto(second_link)
    expect(page.get_by_text("Un compte existe déjà pour l'adresse yves@example.org")).to_be_visible()

    # Logged in with the invited address: one click joins the team.
    log_in(page, live_server, candidate)
    page.goto(second_link)
    submit(page, "Rejoindre l'équipe")
    page.wait_for_url("**/admin/")
    page.goto(f"{base}/admin/recruteur/equipe/")
    expect(page.get_by_role("row", name="Yves")).to_be_visible()
    yves = Recruiter.objects.get(user=candidate)
    assert yves.company == company and yves.user.role == Role.RECRUITER
    second.refresh_from_db()
    assert second.accepted_by == candidate


@pytest.mark.forms("recruiter-contact", "moderation-contact-handled")
@pytest.mark.forms_bad_input("recruiter-contact")
def test_contact_the_platform_team(live_server, page, browser, team):
    company, elodie, _paul = team
    base = live_server.url
    log_in(page, live_server, elodie.user)
    page.goto(f"{base}/admin/recruteur/contact/")
    # The company's phone is offered for the callback.
    expect(page.get_by_label("Téléphone pour être rappelé")).to_have_value("04 73 12 34 56")

    page.get_by_label("Message").fill("Bonjour,\nComment enregistrer une recherche dans la CVthèque ?")
    page.get_by_label("Téléphone pour être rappelé").fill("06 12")
    submit(page, "Envoyer")
    expect_error_at(page, "id_subject", "Indiquez l'objet de votre demande.")
    expect_error_at(page, "id_callback_phone", "numéro de téléphone n'est pas valide")
    expect(page.get_by_label("Message")).to_have_value("Bonjour,\nComment enregistrer une recherche dans la CVthèque ?")
    shot(page, "contact-1-errors")
    assert not ContactRequest.objects.exists()

    page.get_by_label("Objet").fill("Recherches enregistrées")
    page.get_by_label("Téléphone pour être rappelé").fill("06 12 34 56 78")
    submit(page, "Envoyer")
    assert "Votre message a été envoyé à l'équipe de la plateforme." in flash(page)
    page.reload()
    row = page.get_by_role("row", name="Recherches enregistrées")
    expect(row).to_contain_text("En cours")
    expect(row).to_contain_text("Élodie Fayolle")
    contact = ContactRequest.objects.get()
    assert (contact.company, contact.author, contact.subject, contact.callback_phone) == (
        company, elodie.user, "Recherches enregistrées", "+33612345678")
    assert contact.message.splitlines() == ["Bonjour,", "Comment enregistrer une recherche dans la CVthèque ?"]
    row.get_by_role("link", name="Recherches enregistrées").click()
    expect(page.get_by_text("06 12 34 56 78")).to_be_visible()
    shot(page, "contact-2-detail")

    # A moderator marks it handled; the recruiter sees it on the next visit.
    moderator = ModeratorFactory()
    staff = browser.new_context(locale="fr-FR", viewport={"width": 1366, "height": 900})
    staff_page = staff.new_page()
    log_in(staff_page, live_server, moderator)
    staff_page.goto(f"{base}/admin/recruiters/contactrequest/?suivi=en-cours")
    expect(staff_page.get_by_role("columnheader", name="Téléphone pour être rappelé")).to_be_visible()
    expect(staff_page.get_by_role("row", name="Recherches enregistrées")).to_contain_text("06 12 34 56 78")
    shot(staff_page, "contact-3-moderation-list")
    staff_page.get_by_role("link", name="Inspecter").click()
    expect(staff_page.get_by_text("Retour à la liste des demandes de contact")).to_be_visible()
    expect(staff_page.get_by_text("06 12 34 56 78")).to_be_visible()
    shot(staff_page, "contact-4-moderation-inspect")
    staff_page.get_by_role("link", name="Marquer comme traitée").click()
    submit(staff_page, "Marquer comme traitée")
    assert "La demande « Recherches enregistrées » est marquée comme traitée." in flash(staff_page)
    staff.close()
    contact.refresh_from_db()
    assert contact.handled_at is not None
    page.goto(f"{base}/admin/recruteur/contact/")
    expect(page.get_by_role("row", name="Recherches enregistrées")).to_contain_text("Traitée")
