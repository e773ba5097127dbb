"""Staff moderation typed in Chromium: refuse, suspend and reactivate accounts and companies with a
reason, decide join requests, edit the "Accueil recruteur" setting; and what the recruiter then sees."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from cms.services import site_ensure
from recruiters.choices import CompanyStatus, JoinRequestStatus, RecruiterStatus
from recruiters.models import RecruiterHomeSettings, ValidationDecision
from tests.factories import CompanyFactory, JoinRequestFactory, ModeratorFactory, RecruiterFactory

from .onboarding_browser import expect_error_at, flash, log_in, shot, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def moderator_page(live_server, browser):
    site_ensure()
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, live_server, ModeratorFactory(first_name="Grégoire"))
    yield page
    context.close()


@pytest.mark.forms("moderation-recruiter-reject")
@pytest.mark.forms_bad_input("moderation-recruiter-reject")
def test_refuse_an_account_with_a_reason(live_server, moderator_page, page):
    staff, base = moderator_page, live_server.url
    pending = RecruiterFactory(pending=True, company__name="Ateliers d'Issoire", user__first_name="Inès")
    staff.goto(f"{base}/admin/recruiters/recruiter/?status=pending")
    shot(staff, "moderation-1-pending-list")
    staff.get_by_role("link", name="Refuser", exact=True).click()
    expect(staff.get_by_role("heading", name="Refuser le compte")).to_be_visible()

    # No reason, then "other" without the details the recruiter will read.
    submit(staff, "Refuser le compte")
    expect_error_at(staff, "id_reason", "Choisissez un motif dans la liste.")
    staff.get_by_label("Motif du refus").select_option(label="Autre motif (précisé ci-dessous)")
    submit(staff, "Refuser le compte")
    expect_error_at(staff, "id_details", "Précisez le motif : il sera communiqué au recruteur.")
    shot(staff, "moderation-2-reject-errors")
    pending.refresh_from_db()
    assert pending.status == RecruiterStatus.PENDING and not ValidationDecision.objects.exists() and not mail.outbox

    staff.get_by_label("Précisions (communiquées au recruteur)").fill("Le SIREN désigne une autre entreprise.")
    submit(staff, "Refuser le compte")
    assert "est refusé ; un courriel lui indique le motif." in flash(staff)
    staff.reload()
    history = staff.get_by_role("table").last
    expect(history).to_contain_text("Le SIREN désigne une autre entreprise.")
    expect(history).to_contain_text("Grégoire")
    pending.refresh_from_db()
    assert pending.status == RecruiterStatus.REJECTED and pending.company.status == CompanyStatus.REJECTED
    decision = ValidationDecision.objects.get()
    assert (decision.reason, decision.details) == ("other", "Le SIREN désigne une autre entreprise.")
    assert mail.outbox[-1].to == [pending.user.email]
    assert "le compte recruteur d'Ateliers d'Issoire n'a pas été validé." in mail.outbox[-1].body

    # The refused recruiter sees why, and nothing of the recruiter space.
    log_in(page, live_server, pending.user)
    page.goto(f"{base}/admin/recruteur/offres/")
    expect(page.get_by_role("heading", name="Votre compte n'a pas été validé")).to_be_visible()
    expect(page.get_by_text("Précisions : Le SIREN désigne une autre entreprise.")).to_be_visible()
    shot(page, "moderation-3-refused-recruiter")


@pytest.mark.forms("moderation-recruiter-suspend", "moderation-recruiter-reactivate", "moderation-recruiter-approve")
@pytest.mark.forms_bad_input("moderation-recruiter-suspend")
def test_approve_suspend_and_reactivate_an_account(live_server, moderator_page, page):
    staff, base = moderator_page, live_server.url
    recruiter = RecruiterFactory(pending=True, company__name="Hôtel du Parc", user__first_name="Hugo")
    staff.goto(f"{base}/admin/recruiters/recruiter/inspect/{recruiter.pk}/")
    staff.get_by_role("link", name="Valider", exact=True).click()
    submit(staff, "Valider le compte")
    assert "est validé ; un courriel l'en informe." in flash(staff)
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.APPROVED
    assert "le compte recruteur d'Hôtel du Parc est validé." in mail.outbox[-1].body.replace("\n", " ")

    staff.get_by_role("link", name="Suspendre", exact=True).click()
    submit(staff, "Suspendre le compte")
    expect_error_at(staff, "id_reason", "Choisissez un motif dans la liste.")
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.APPROVED
    staff.get_by_label("Motif de la suspension").select_option(label="Signalement de candidats")
    staff.get_by_label("Précisions (communiquées aux recruteurs concernés)").fill("Messages insistants.")
    submit(staff, "Suspendre le compte")
    assert "est suspendu." in flash(staff)
    staff.reload()
    expect(staff.get_by_text("Suspendu depuis le")).to_be_visible()
    expect(staff.get_by_role("table").last).to_contain_text("Signalement de candidats")
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.SUSPENDED

    log_in(page, live_server, recruiter.user)
    page.goto(f"{base}/admin/")
    expect(page.get_by_role("heading", name="Votre accès est suspendu")).to_be_visible()
    expect(page.get_by_text("Motif : Signalement de candidats.")).to_be_visible()

    staff.get_by_role("link", name="Réactiver", exact=True).click()
    submit(staff, "Réactiver le compte")
    assert "est réactivé." in flash(staff)
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.APPROVED
    page.goto(f"{base}/admin/")
    expect(page.get_by_role("heading", name="Bonjour Hugo")).to_be_visible()


@pytest.mark.forms("moderation-company-suspend", "moderation-company-reactivate")
@pytest.mark.forms_bad_input("moderation-company-suspend")
def test_suspend_and_reactivate_a_company(live_server, moderator_page, page):
    staff, base = moderator_page, live_server.url
    recruiter = RecruiterFactory(company__name="Ateliers des Volcans", user__first_name="Élodie")
    company = recruiter.company
    staff.goto(f"{base}/admin/recruiters/company/")
    shot(staff, "moderation-4-companies")
    staff.get_by_role("link", name="Suspendre", exact=True).click()
    expect(staff.get_by_text("Ateliers des Volcans (SIREN")).to_be_visible()
    staff.get_by_label("Motif de la suspension").select_option(label="Autre motif (précisé ci-dessous)")
    submit(staff, "Suspendre l'entreprise")
    expect_error_at(staff, "id_details", "Précisez le motif")
    company.refresh_from_db()
    assert company.status == CompanyStatus.ACTIVE
    staff.get_by_label("Précisions (communiquées aux recruteurs concernés)").fill("Entreprise radiée le 2 mars.")
    submit(staff, "Suspendre l'entreprise")
    assert "L'entreprise Ateliers des Volcans est suspendue" in flash(staff)
    staff.reload()
    expect(staff.get_by_role("table").last).to_contain_text("Entreprise radiée le 2 mars.")
    company.refresh_from_db()
    assert company.status == CompanyStatus.SUSPENDED
    assert "Le compte d'Ateliers des Volcans est suspendu" in mail.outbox[-1].subject

    log_in(page, live_server, recruiter.user)
    page.goto(f"{base}/admin/recruteur/equipe/")
    expect(page.get_by_text("L'accès à l'espace recruteur est suspendu pour l'entreprise Ateliers des Volcans."))\
        .to_be_visible()

    staff.get_by_role("link", name="Réactiver", exact=True).click()
    submit(staff, "Réactiver l'entreprise")
    assert "L'entreprise Ateliers des Volcans est réactivée." in flash(staff)
    company.refresh_from_db()
    assert company.status == CompanyStatus.ACTIVE
    page.goto(f"{base}/admin/recruteur/equipe/")
    expect(page.get_by_role("heading", name="Équipe", exact=True)).to_be_visible()


@pytest.mark.forms("moderation-join-request-accept", "moderation-join-request-decline")
def test_staff_decide_join_requests(live_server, moderator_page):
    staff, base = moderator_page, live_server.url
    company = CompanyFactory(name="Ateliers des Volcans")
    lina = JoinRequestFactory(company=company, user__first_name="Lina", user__last_name="Roux",
                              user__email="lina@ateliers-volcans.example")
    yves = JoinRequestFactory(company=company, user__first_name="Yves", user__last_name="Inconnu",
                              user__email="yves@example.org")
    staff.goto(f"{base}/admin/recruiters/joinrequest/?status=pending")
    shot(staff, "moderation-5-join-requests")
    staff.get_by_role("row", name="Lina Roux").get_by_role("link", name="Accepter").click()
    submit(staff, "Accepter la demande de rattachement")
    assert "lina@ateliers-volcans.example fait maintenant partie de l'équipe d'Ateliers des Volcans." in flash(staff)
    staff.get_by_role("row", name="Yves Inconnu").get_by_role("link", name="Refuser").click()
    submit(staff, "Refuser la demande de rattachement")
    assert "La demande d'yves@example.org est refusée." in flash(staff)
    staff.reload()
    expect(staff.get_by_role("row", name="Lina Roux")).to_contain_text("Acceptée")
    expect(staff.get_by_role("row", name="Yves Inconnu")).to_contain_text("Refusée")
    lina.refresh_from_db()
    yves.refresh_from_db()
    assert (lina.status, yves.status) == (JoinRequestStatus.ACCEPTED, JoinRequestStatus.DECLINED)
    assert company.recruiters.get().user == lina.user


@pytest.mark.forms("setting-recruiters.recruiterhomesettings")
@pytest.mark.forms_bad_input("setting-recruiters.recruiterhomesettings")
def test_edit_the_recruiter_home_setting(live_server, moderator_page, page):
    staff, base = moderator_page, live_server.url
    staff.goto(f"{base}/admin/settings/recruiters/recruiterhomesettings/")
    heading = staff.get_by_role("textbox", name="Titre*", exact=True)
    heading.fill("")
    staff.get_by_label("Raison 2 : texte").fill("Cherchez parmi 12 000 profils de la région.")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Enregistrer").click()
    expect_error_at(staff, "id_heading", "Champ requis.")
    expect(staff.get_by_label("Raison 2 : texte")).to_have_value("Cherchez parmi 12 000 profils de la région.")
    shot(staff, "moderation-6-setting-errors")
    assert not RecruiterHomeSettings.objects.filter(reason_2_text__startswith="Cherchez").exists()

    heading.fill("Quatre bonnes raisons de recruter avec nous")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Enregistrer").click()
    staff.reload()
    expect(staff.get_by_role("textbox", name="Titre*", exact=True)).to_have_value("Quatre bonnes raisons de recruter avec nous")
    expect(staff.get_by_label("Raison 2 : texte")).to_have_value("Cherchez parmi 12 000 profils de la région.")
    stored = RecruiterHomeSettings.objects.get()
    assert stored.heading == "Quatre bonnes raisons de recruter avec nous"
    assert stored.reason_2_text == "Cherchez parmi 12 000 profils de la région."

    page.goto(f"{base}/espace-recruteur/accueil/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quatre bonnes raisons de recruter avec nous")
    expect(page.get_by_text("Cherchez parmi 12 000 profils de la région.")).to_be_visible()
    shot(page, "moderation-7-recruiter-home")
