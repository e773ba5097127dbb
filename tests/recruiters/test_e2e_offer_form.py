"""The offer form in headless Chromium, filled as a recruiter fills it: every field typed or picked,
saved, reloaded and read back, saved again untouched; bad input answered next to its field."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recruiters.choices import OfferStatus
from recruiters.models import JobOffer
from tests.factories import (
    CommuneFactory,
    InterviewCampaignFactory,
    JobOfferFactory,
    LanguageFactory,
    NafSectorFactory,
    RecruiterFactory,
)
from tests.recruiters.admin_browser import editor, expect_error_next_to, log_in, shot, type_date
from tests.reference.sector_browser import pick

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

START = "2027-01-13"


def save(page, name="Enregistrer"):
    page.get_by_role("button", name=name, exact=True).last.click()


def expect_stored_offer(offer, *, expires_day):
    assert offer.start_date == date(2027, 1, 13)
    assert timezone.localtime(offer.expires_at).date().isoformat() == expires_day
    assert offer.title == "Chaudronnier soudeur H/F"
    assert "<b>inox</b>" in offer.description and "Assembler" in offer.missions and "CAP" in offer.profile_sought
    assert offer.job_titles == ["Chaudronnier", "Soudeur TIG"]
    assert (offer.min_years, offer.diploma_level, offer.diploma_field) == (3, 3, "Chaudronnerie")
    assert list(offer.sectors.values_list("code", flat=True)) == ["22.11Z"]
    assert offer.skills == ["Soudure TIG", "Lecture de plans"]
    assert [(row.language_id, row.level) for row in offer.languages.all()] == [("en", "B1")]
    assert (offer.contract_type, offer.working_time, offer.commune_id, offer.remote_possible) == (
        "CDI", "PART_TIME", "63113", True)
    assert (offer.salary_min, offer.salary_max, offer.positions) == (28000, 34000, 2)
    assert offer.campaign.name == "Entretien atelier"


@pytest.mark.forms("recruiter-offer-create", "recruiter-offer-edit")
@pytest.mark.forms_bad_input("recruiter-offer-create", "recruiter-offer-edit")
def test_offer_keeps_every_field_and_its_dates_through_edits(live_server, page):
    recruiter = RecruiterFactory()
    CommuneFactory()
    NafSectorFactory()
    LanguageFactory(code="en", name="anglais")
    InterviewCampaignFactory(company=recruiter.company, name="Entretien atelier")
    InterviewCampaignFactory(name="Campagne d'une autre entreprise")
    expires = (timezone.localdate() + timedelta(days=45)).isoformat()
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    log_in(page, live_server, recruiter.user)
    page.goto(f"{live_server.url}/admin/recruteur/offres/")
    page.get_by_role("link", name="Créer une offre").click()
    form = page.locator('[data-form="recruiter-offer-create"]')
    expect(form).to_be_visible()

    page.get_by_label("Intitulé de l'offre").fill("Chaudronnier soudeur H/F")
    editor(page, "description").click()
    page.keyboard.type("Atelier de chaudronnerie fine sur ")
    page.keyboard.press("Control+b")
    page.keyboard.type("inox")
    page.keyboard.press("Control+b")
    page.keyboard.type(" pour l'agroalimentaire.")
    editor(page, "missions").click()
    page.keyboard.type("Assembler et souder les pièces.")
    editor(page, "profile_sought").click()
    page.keyboard.type("CAP chaudronnerie, rigueur.")
    page.get_by_label("Intitulés de poste").fill("Chaudronnier, Soudeur TIG")
    page.get_by_label("Expérience minimale (années)").fill("3")
    page.get_by_label("Niveau de diplôme minimal").select_option(label="CAP / BEP")
    page.get_by_label("Domaine du diplôme").fill("Chaudronnerie")
    pick(page, page.get_by_role("combobox", name="Secteurs d'activité"), "pneum", "Fabrication et rechapage")
    page.keyboard.press("Escape")
    page.get_by_label("Compétences").fill("Soudure TIG, Lecture de plans")
    page.locator("#id_languages-0-language").select_option(label="anglais")
    page.locator("#id_languages-0-level").select_option("B1")
    page.get_by_label("Type de contrat").select_option("CDI")
    page.get_by_label("Temps de travail").select_option("PART_TIME")
    page.get_by_label("Lieu de travail").press_sequentially("clermont", delay=20)
    page.get_by_role("option", name=re.compile("Clermont-Ferrand")).wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.get_by_label("Télétravail possible").check()
    page.get_by_label("Salaire annuel brut minimum (€)").fill("40000")
    page.get_by_label("Salaire annuel brut maximum (€)").fill("34000")
    type_date(page.get_by_label("Date de prise de poste"), START)
    type_date(page.get_by_label("Date d'expiration"), yesterday)
    page.get_by_label("Nombre de postes").fill("2")
    campaign = page.get_by_label("Campagne Visiotalent")
    assert "Campagne d'une autre entreprise" not in campaign.inner_text()
    campaign.select_option(label="Entretien atelier")

    # Bad input: a reversed salary range and a past expiry day, each answered next to its field.
    save(page)
    expect_error_next_to(page, page.get_by_label("Salaire annuel brut maximum (€)"),
                         "Le salaire maximum doit être supérieur ou égal au salaire minimum.")
    expect_error_next_to(page, page.get_by_label("Date d'expiration"), re.compile("Cette date est passée"))
    shot(page, "offer-create-bad-input")
    assert not JobOffer.objects.exists()
    # What was typed is still there (rich text, picked place, dates).
    expect(editor(page, "description")).to_contain_text("inox pour l'agroalimentaire")
    expect(page.get_by_label("Date de prise de poste")).to_have_value(START)
    expect(page.get_by_label("Lieu de travail")).to_have_value("Clermont-Ferrand (63)")

    page.get_by_label("Salaire annuel brut minimum (€)").fill("28000")
    type_date(page.get_by_label("Date d'expiration"), expires)
    save(page)
    page.get_by_text("L'offre « Chaudronnier soudeur H/F » est enregistrée.").wait_for()
    offer = JobOffer.objects.get()
    assert offer.company == recruiter.company and offer.status == OfferStatus.DRAFT
    expect_stored_offer(offer, expires_day=expires)

    page.reload()
    expect(page.locator('[data-form="recruiter-offer-edit"]')).to_be_visible()
    expect(page.get_by_label("Date de prise de poste")).to_have_value(START)
    expect(page.get_by_label("Date d'expiration")).to_have_value(expires)
    expect(page.get_by_label("Intitulé de l'offre")).to_have_value("Chaudronnier soudeur H/F")
    expect(editor(page, "description").locator("strong, b, [style*='bold']").first).to_have_text("inox")
    expect(editor(page, "missions")).to_contain_text("Assembler et souder les pièces.")
    expect(page.get_by_label("Intitulés de poste")).to_have_value("Chaudronnier, Soudeur TIG")
    expect(page.get_by_label("Niveau de diplôme minimal")).to_have_value("3")
    expect(page.get_by_role("list", name="Secteurs choisis")).to_contain_text("Fabrication et rechapage")
    expect(page.locator("#id_languages-0-language")).to_have_value("en")
    expect(page.locator("#id_languages-0-level")).to_have_value("B1")
    expect(page.get_by_label("Lieu de travail")).to_have_value("Clermont-Ferrand (63)")
    expect(page.get_by_label("Télétravail possible")).to_be_checked()
    expect(page.get_by_label("Salaire annuel brut minimum (€)")).to_have_value("28000")
    expect(page.get_by_label("Campagne Visiotalent").locator("option:checked")).to_have_text("Entretien atelier")
    shot(page, "offer-edit-reloaded")

    # Saved again without touching anything: the dates (and everything else) stay.
    stored_expiry = JobOffer.objects.get().expires_at
    save(page)
    page.get_by_text("est enregistrée").wait_for()
    offer = JobOffer.objects.get()
    expect_stored_offer(offer, expires_day=expires)
    assert offer.expires_at == stored_expiry

    # Bad input on the edit form: the title emptied is refused, the stored offer untouched.
    page.get_by_label("Intitulé de l'offre").fill("")
    page.get_by_label("Nombre de postes").fill("0")
    save(page)
    expect_error_next_to(page, page.get_by_label("Intitulé de l'offre"), re.compile("(Champ requis|obligatoire)"))
    expect_error_next_to(page, page.get_by_label("Nombre de postes"), re.compile("supérieure ou égale à 1"))
    expect_stored_offer(JobOffer.objects.get(), expires_day=expires)

    # Corrected and published from the form: the dates chosen are kept by the publication.
    page.get_by_label("Intitulé de l'offre").fill("Chaudronnier soudeur H/F")
    page.get_by_label("Nombre de postes").fill("2")
    page.locator("#id_languages-1-language").select_option(label="anglais")
    save(page, "Enregistrer et publier")
    expect_error_next_to(page, page.locator("#id_languages-1-level"), "Choisissez le niveau attendu dans cette langue.")
    page.locator("#id_languages-1-language").select_option("")
    save(page, "Enregistrer et publier")
    page.get_by_text("L'offre « Chaudronnier soudeur H/F » est publiée.").wait_for()
    page.reload()
    expect(page.locator(".offer-status")).to_have_text("Publiée")
    expect(page.get_by_label("Date d'expiration")).to_have_value(expires)
    offer = JobOffer.objects.get()
    assert offer.status == OfferStatus.PUBLISHED
    expect_stored_offer(offer, expires_day=expires)


@pytest.mark.forms("recruiter-offer-close", "recruiter-offer-reopen", "recruiter-offer-duplicate")
def test_offer_actions_close_reopen_and_duplicate(live_server, page):
    recruiter = RecruiterFactory()
    offer = JobOfferFactory(company=recruiter.company, published=True, title="Opérateur de production H/F",
                            start_date=date(2027, 1, 13))
    log_in(page, live_server, recruiter.user)
    page.goto(f"{live_server.url}/admin/recruteur/offres/{offer.pk}/")
    page.locator('[data-form="recruiter-offer-close"]').get_by_role("button", name="Clôturer").click()
    page.get_by_text("L'offre « Opérateur de production H/F » est clôturée.").wait_for()
    page.reload()
    expect(page.locator(".offer-status")).to_have_text("Clôturée")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CLOSED and offer.closed_at

    page.locator('[data-form="recruiter-offer-reopen"]').get_by_role("button", name="Rouvrir").click()
    page.get_by_text("est de nouveau publiée").wait_for()
    page.reload()
    expect(page.locator(".offer-status")).to_have_text("Publiée")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED and offer.closed_at is None and offer.expires_at > timezone.now()

    page.locator('[data-form="recruiter-offer-duplicate"]').get_by_role("button", name="Dupliquer").click()
    page.get_by_text("L'offre est dupliquée").wait_for()
    page.reload()
    expect(page.get_by_label("Intitulé de l'offre")).to_have_value("Opérateur de production H/F (copie)")
    expect(page.get_by_label("Date de prise de poste")).to_have_value("2027-01-13")
    expect(page.locator(".offer-status")).to_have_text("Brouillon")
    copy = JobOffer.objects.exclude(pk=offer.pk).get()
    assert copy.status == OfferStatus.DRAFT and copy.company == recruiter.company
    assert copy.start_date == date(2027, 1, 13) and copy.expires_at is None
    shot(page, "offer-duplicated")
