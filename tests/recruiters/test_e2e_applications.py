"""Applications in the recruiter space, in headless Chromium: list filters (dates typed), bulk status
change, an application's status, comments and e-mail from a template, and the settings page.
Each form is filled as a recruiter fills it, reloaded and read back; bad input is answered next to
its field and leaves what is stored untouched."""

import re
from datetime import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from recruiters.choices import ApplicationStatus
from recruiters.models import (
    Application,
    ApplicationComment,
    ApplicationEvent,
    EmailTemplate,
    JobOffer,
    RecruiterNotificationSettings,
)
from tests.factories import ApplicationFactory, CandidateProfileFactory, JobOfferFactory, RecruiterFactory
from tests.recruiters.admin_browser import expect_error_next_to, log_in, shot, type_date

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def received(application, day):
    Application.objects.filter(pk=application.pk).update(
        created_at=timezone.make_aware(datetime.fromisoformat(f"{day}T10:00")))


def candidate(first, last):
    return CandidateProfileFactory(user__first_name=first, user__last_name=last)


def table_names(page):
    return page.locator("table.listing tbody td:nth-child(2)").all_inner_texts()


@pytest.mark.forms("recruiter-applications-filter", "recruiter-applications-bulk", "recruiter-offers-filter")
@pytest.mark.forms_bad_input("recruiter-applications-filter", "recruiter-applications-bulk",
                             "recruiter-offers-filter")
def test_lists_filter_by_dates_and_change_statuses_in_bulk(live_server, page):
    recruiter = RecruiterFactory()
    welder = JobOfferFactory(company=recruiter.company, published=True, title="Soudeur TIG H/F")
    storekeeper = JobOfferFactory(company=recruiter.company, published=True, title="Magasinier H/F",
                                  contract_type="CDD")
    lina = ApplicationFactory(offer=welder, candidate=candidate("Lina", "Benali"))
    hugo = ApplicationFactory(offer=welder, candidate=candidate("Hugo", "Roche"))
    old = ApplicationFactory(offer=welder, candidate=candidate("Éloi", "Vidal"))
    other_offer = ApplicationFactory(offer=storekeeper, candidate=candidate("Inès", "Morel"))
    foreign = ApplicationFactory(candidate=candidate("Zoé", "Ailleurs"))
    received(lina, "2026-11-18")
    received(hugo, "2026-11-20")
    received(old, "2026-10-02")
    received(other_offer, "2026-11-19")
    log_in(page, live_server, recruiter.user)
    page.goto(f"{live_server.url}/admin/recruteur/candidatures/")
    expect(page.get_by_role("link", name="Zoé Ailleurs")).to_have_count(0)
    filters = page.locator('[data-form="recruiter-applications-filter"]')

    # A reversed date range is answered next to the second date, and not applied.
    filters.get_by_label("Offre").select_option(label="Soudeur TIG H/F")
    type_date(filters.get_by_label("Reçue depuis le"), "2026-11-15")
    type_date(filters.get_by_label("Reçue jusqu'au"), "2026-11-01")
    filters.get_by_role("button", name="Filtrer").click()
    expect_error_next_to(page, filters.get_by_label("Reçue jusqu'au"),
                         "Cette date précède la date de début : inversez-les ou corrigez-en une.")
    expect(filters.get_by_text("Corrigez le filtre signalé")).to_be_visible()
    shot(page, "applications-filter-bad")

    type_date(filters.get_by_label("Reçue jusqu'au"), "2026-11-30")
    filters.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("link", name="Lina Benali")).to_be_visible()
    assert sorted(table_names(page)) == ["Hugo Roche", "Lina Benali"]
    page.reload()
    expect(filters.get_by_label("Reçue depuis le")).to_have_value("2026-11-15")
    expect(filters.get_by_label("Reçue jusqu'au")).to_have_value("2026-11-30")
    expect(filters.get_by_label("Offre")).to_have_value(str(welder.pk))
    assert sorted(table_names(page)) == ["Hugo Roche", "Lina Benali"]

    # Bulk change: nothing ticked and no status chosen is said next to the bar; nothing changes.
    bulk = page.locator('[data-form="recruiter-applications-bulk"]')
    bulk.get_by_role("button", name="Changer le statut").click()
    status = bulk.get_by_label("Pour la sélection")
    expect_error_next_to(page, status, "Choisissez le nouveau statut des candidatures cochées.")
    expect(bulk.locator("#bulk-errors")).to_contain_text("Cochez au moins une candidature dans la liste ci-dessous.")
    expect(bulk.get_by_role("group", name="Actions sur les candidatures cochées")).to_have_attribute(
        "aria-describedby", "bulk-errors")
    shot(page, "applications-bulk-bad")
    assert set(Application.objects.values_list("status", flat=True)) == {ApplicationStatus.NEW}
    # The list is still filtered as asked.
    assert sorted(table_names(page)) == ["Hugo Roche", "Lina Benali"]

    bulk.get_by_label("Sélectionner la candidature de Lina Benali").check()
    bulk.get_by_label("Sélectionner la candidature d'Hugo Roche").check()
    bulk.get_by_label("Pour la sélection").select_option(label="À contacter")
    bulk.get_by_role("button", name="Changer le statut").click()
    page.get_by_text("2 candidatures passées au statut « À contacter ».").wait_for()
    page.reload()
    expect(page.locator("table.listing tbody")).to_contain_text("À contacter")
    expect(filters.get_by_label("Reçue depuis le")).to_have_value("2026-11-15")
    shot(page, "applications-bulk-done")
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses[lina.pk] == statuses[hugo.pk] == ApplicationStatus.TO_CONTACT
    assert statuses[old.pk] == statuses[other_offer.pk] == statuses[foreign.pk] == ApplicationStatus.NEW

    # The offers list: the same date range rule, then a filter kept across a reload.
    JobOffer.objects.filter(pk=storekeeper.pk).update(created_at=timezone.make_aware(datetime(2026, 9, 1, 9)))
    page.goto(f"{live_server.url}/admin/recruteur/offres/")
    offers_filter = page.locator('[data-form="recruiter-offers-filter"]')
    type_date(offers_filter.get_by_label("Créée depuis le"), "2026-10-01")
    type_date(offers_filter.get_by_label("Créée jusqu'au"), "2026-09-01")
    offers_filter.get_by_role("button", name="Filtrer").click()
    expect_error_next_to(page, offers_filter.get_by_label("Créée jusqu'au"), re.compile("Cette date précède"))
    type_date(offers_filter.get_by_label("Créée depuis le"), "2026-08-01")
    offers_filter.get_by_label("Contrat").select_option(label="CDD")
    offers_filter.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("link", name="Magasinier H/F")).to_be_visible()
    page.reload()
    expect(offers_filter.get_by_label("Créée depuis le")).to_have_value("2026-08-01")
    expect(offers_filter.get_by_label("Contrat")).to_have_value("CDD")
    expect(page.get_by_role("link", name="Soudeur TIG H/F")).to_have_count(0)
    expect(page.get_by_role("link", name="Magasinier H/F")).to_be_visible()


@pytest.mark.forms("recruiter-application-status", "recruiter-application-comment",
                   "recruiter-application-email-prepare", "recruiter-application-email")
@pytest.mark.forms_bad_input("recruiter-application-status", "recruiter-application-comment",
                             "recruiter-application-email-prepare", "recruiter-application-email")
def test_application_status_comment_and_email_from_a_template(live_server, page):
    recruiter = RecruiterFactory(user__first_name="Claire", user__last_name="Martin")
    offer = JobOfferFactory(company=recruiter.company, published=True, title="Soudeur TIG H/F")
    application = ApplicationFactory(offer=offer, candidate=candidate("Lina", "Benali"))
    log_in(page, live_server, recruiter.user)
    page.goto(f"{live_server.url}/admin/recruteur/candidatures/{application.pk}/")

    # Status: choosing the status it already has is said next to the select.
    status_form = page.locator('[data-form="recruiter-application-status"]')
    status_form.get_by_role("button", name="Changer le statut").click()
    expect_error_next_to(page, status_form.get_by_label("Statut"),
                         "La candidature est déjà au statut « Nouvelle » : choisissez-en un autre.")
    assert not ApplicationEvent.objects.filter(kind="status_changed").exists()
    status_form.get_by_label("Statut").select_option(label="Entretien")
    status_form.get_by_role("button", name="Changer le statut").click()
    page.get_by_text("Statut mis à jour : Entretien.").wait_for()
    page.reload()
    expect(status_form.get_by_label("Statut")).to_have_value("interview")
    expect(page.locator(".application-status")).to_have_text("Entretien")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEW

    # Comment: empty is refused next to the text box.
    comment_form = page.locator('[data-form="recruiter-application-comment"]')
    comment_form.get_by_role("button", name="Ajouter le commentaire").click()
    expect_error_next_to(page, comment_form.get_by_label("Commentaire privé"),
                         "Écrivez le commentaire avant de l'ajouter.")
    assert not ApplicationComment.objects.exists()
    comment_form.get_by_label("Commentaire privé").fill("Très bon échange au téléphone,\nà rappeler lundi.")
    comment_form.get_by_role("button", name="Ajouter le commentaire").click()
    page.get_by_text("Commentaire ajouté.").wait_for()
    page.reload()
    expect(page.locator(".recruiter-comment")).to_contain_text("à rappeler lundi.")
    expect(page.locator(".recruiter-comment")).to_contain_text("Claire Martin")
    assert ApplicationComment.objects.get().text == "Très bon échange au téléphone,\nà rappeler lundi."

    # Prepare a refusal: its reason is asked for, next to its field.
    prepare = page.locator('[data-form="recruiter-application-email-prepare"]')
    prepare.get_by_label("Modèle").select_option(label="Refus avec motif")
    prepare.get_by_role("button", name="Préparer").click()
    expect_error_next_to(page, prepare.get_by_label("Motif du refus"),
                         "Indiquez le motif du refus : le modèle le reprend dans le message.")
    email_form = page.locator('[data-form="recruiter-application-email"]')
    expect(email_form.get_by_label("Message")).to_have_value(re.compile(r"\{motif\}"))
    # Sent as is, the placeholder is refused next to the message: nothing sent, nothing stored.
    email_form.get_by_role("button", name="Envoyer l'e-mail").click()
    expect_error_next_to(page, email_form.get_by_label("Message"),
                         "Remplacez « {motif} » par le texte voulu avant l'envoi.")
    assert not mail.outbox and not ApplicationEvent.objects.filter(kind="email_sent").exists()

    prepare.get_by_label("Motif du refus").fill("le poste vient d'être pourvu en interne")
    prepare.get_by_role("button", name="Préparer").click()
    expect(email_form.get_by_label("Message")).to_have_value(re.compile("pourvu en interne"))
    page.reload()
    expect(prepare.get_by_label("Modèle")).to_have_value("refusal")
    expect(prepare.get_by_label("Motif du refus")).to_have_value("le poste vient d'être pourvu en interne")
    expect(email_form.get_by_label("Objet")).to_have_value(f"Votre candidature chez {recruiter.company.name}")

    # Back to the interview invitation; an emptied subject is refused, then it is sent.
    prepare.get_by_label("Modèle").select_option(label="Invitation à un entretien")
    prepare.get_by_role("button", name="Préparer").click()
    expect(email_form.get_by_label("Message")).to_have_value(re.compile("indiquer vos disponibilités"))
    email_form.get_by_label("Objet").fill("")
    email_form.get_by_role("button", name="Envoyer l'e-mail").click()
    expect_error_next_to(page, email_form.get_by_label("Objet"), "Indiquez l'objet de l'e-mail.")
    assert not mail.outbox
    email_form.get_by_label("Objet").fill("Soudeur TIG : rencontrons-nous")
    email_form.get_by_label("Message").press("Control+End")
    email_form.get_by_label("Message").press_sequentially("\nPS : l'atelier est au 4 rue des Forges.", delay=5)
    shot(page, "application-email-ready")
    email_form.get_by_role("button", name="Envoyer l'e-mail").click()
    page.get_by_text(f"E-mail envoyé à {application.candidate.user.email}.").wait_for()
    page.reload()
    expect(page.locator(".recruiter-history")).to_contain_text("E-mail envoyé au candidat (Soudeur TIG : rencontrons-nous)")
    shot(page, "application-detail-done")
    message = mail.outbox[-1]
    assert message.to == [application.candidate.user.email] and message.reply_to == [recruiter.user.email]
    assert message.subject == "Soudeur TIG : rencontrons-nous"
    assert "Bonjour Lina," in message.body and "4 rue des Forges" in message.body
    assert "votre réponse parviendra directement à Claire Martin" in message.body
    assert ApplicationEvent.objects.filter(application=application, kind="email_sent").count() == 1


@pytest.mark.forms("recruiter-notifications", "recruiter-email-template-interview",
                   "recruiter-email-template-refusal")
@pytest.mark.forms_bad_input("recruiter-notifications", "recruiter-email-template-interview",
                             "recruiter-email-template-refusal")
def test_settings_notifications_and_email_templates(live_server, page):
    recruiter = RecruiterFactory()
    log_in(page, live_server, recruiter.user)
    page.goto(f"{live_server.url}/admin/recruteur/candidatures/")
    page.get_by_role("link", name="Notifications et modèles d'e-mail").click()

    # A crafted choice the select does not offer is refused next to it.
    notifications = page.locator('[data-form="recruiter-notifications"]')
    frequency = notifications.get_by_label("Nouvelles candidatures")
    frequency.evaluate("select => { select.options[0].value = 'hourly'; select.value = 'hourly'; }")
    notifications.get_by_role("button", name="Enregistrer").click()
    expect_error_next_to(page, frequency, re.compile("Sélectionnez un choix valide"))
    assert not RecruiterNotificationSettings.objects.exists()
    frequency.select_option(label="Un récapitulatif par jour")
    notifications.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Préférence de notification enregistrée.").wait_for()
    page.reload()
    expect(frequency).to_have_value("daily")
    recruiter.refresh_from_db()
    assert recruiter.notification_settings.application_frequency == "daily"

    interview = page.locator('[data-form="recruiter-email-template-interview"]')
    body = interview.get_by_label("Texte")
    body.fill("Bonjour {prenon},\n\nVenez nous rencontrer pour le poste « {offre} ».\n\n{recruteur}")
    interview.get_by_label("Objet").fill("Entretien {prenom:>3000000}")
    interview.get_by_role("button", name="Enregistrer le modèle").click()
    expect_error_next_to(page, body, re.compile(r"Variable inconnue : \{prenon\}"))
    expect_error_next_to(page, interview.get_by_label("Objet"),
                         re.compile(r"« \{prenom:>3000000\} » n'est pas une variable"))
    shot(page, "settings-template-variables")
    assert not EmailTemplate.objects.exists()
    body.fill("Bonjour {prenom},\n\nVenez nous rencontrer pour le poste « {offre} ».\n\n{recruteur}")
    interview.get_by_label("Objet").fill("{entreprise} : rencontrons-nous")
    interview.get_by_role("button", name="Enregistrer le modèle").click()
    page.get_by_text("Modèle « Invitation à un entretien » enregistré.").wait_for()
    page.reload()
    expect(interview.get_by_label("Objet")).to_have_value("{entreprise} : rencontrons-nous")
    expect(body).to_have_value(re.compile("Venez nous rencontrer"))

    refusal = page.locator('[data-form="recruiter-email-template-refusal"]')
    refusal.get_by_label("Objet").fill("")
    refusal.get_by_role("button", name="Enregistrer le modèle").click()
    expect_error_next_to(page, refusal.get_by_label("Objet"), "Indiquez l'objet de l'e-mail.")
    assert EmailTemplate.objects.count() == 1
    shot(page, "settings-bad")
    refusal.get_by_label("Objet").fill("Votre candidature au poste « {offre} »")
    refusal.get_by_label("Texte").fill("Bonjour {prenom},\n\nNous ne retenons pas votre candidature : {motif}.")
    refusal.get_by_role("button", name="Enregistrer le modèle").click()
    page.get_by_text("Modèle « Refus avec motif » enregistré.").wait_for()
    page.reload()
    expect(refusal.get_by_label("Objet")).to_have_value("Votre candidature au poste « {offre} »")
    shot(page, "settings-done")
    templates = {t.kind: t for t in EmailTemplate.objects.filter(company=recruiter.company)}
    assert templates["interview"].subject == "{entreprise} : rencontrons-nous"
    assert templates["interview"].body.startswith("Bonjour {prenom},")
    assert templates["refusal"].body == "Bonjour {prenom},\n\nNous ne retenons pas votre candidature : {motif}."

