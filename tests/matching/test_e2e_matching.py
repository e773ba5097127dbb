"""Recruiter matching in headless Chromium, every form typed as a recruiter would: criteria (a place
typed or chosen, importance, indispensable criteria, the threshold slider without a reload), saving
the search with an alert, an offer file to read, and a candidate's actions. Bad input first (said
next to its field, nothing stored), then good input, then a reload. Screenshots go to /tmp/shots/search/."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from matching import loader
from matching.models import Dismissal, MatchRun, ProfileTransfer
from search.choices import AlertFrequency
from search.models import Comment, ContactMessage, FolderProfile, SavedSearch
from search.services import saved_search_alerts_send
from tests.factories import (
    CandidateProfileFactory,
    CommuneFactory,
    EducationFactory,
    ExperienceFactory,
    LanguageFactory,
    RecruiterFactory,
)
from tests.factories.candidates import docx_bytes
from tests.search.browser import expect_error, log_in, pick_commune, reload_keeps_url, shot, type_place

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEARCH = "/admin/matching/recherche/"
CRITERIA = "form[data-form=matching-search]"


@pytest.fixture
def controllers(db):
    CommuneFactory()
    LanguageFactory(code="en", name="Anglais")
    made = []
    for index in range(8):
        profile = CandidateProfileFactory(headline=f"Contrôleuse de gestion {index}",
                                          contract_types=["CDI"] if index % 2 else ["CDD"],
                                          skills=["Excel", "SAP"][: index % 3])
        ExperienceFactory(profile=profile, title="Contrôleuse de gestion" if index < 5 else "Comptable",
                          start_date=date(2025 - index, 1, 1))
        EducationFactory(profile=profile, level=7 if index < 4 else 5)
        made.append(profile)
    return made


@pytest.fixture
def recruiter(live_server, page):
    recruiter = RecruiterFactory()
    log_in(page, live_server, recruiter.user)
    return recruiter


def search_button(page):
    return page.locator(CRITERIA).get_by_role("button", name="Rechercher")


@pytest.mark.forms("matching-search", "matching-save-search")
@pytest.mark.forms_bad_input("matching-search", "matching-save-search")
def test_criteria_slider_and_saved_search_with_its_alert(live_server, page, recruiter, controllers):
    page.goto(live_server.url + SEARCH)
    form = page.locator(CRITERIA)

    # A place typed but unknown and an unknown language: said next to each, no search run.
    form.get_by_label("Intitulés de poste").fill("Contrôleur de gestion")
    type_place(form.get_by_role("combobox", name="Lieu", exact=True), "Atlantide")
    form.get_by_label("Langues", exact=True).fill("klingon B2")
    search_button(page).click()
    page.wait_for_load_state()
    expect_error(page, form.get_by_role("combobox", name="Lieu", exact=True), "Commune inconnue : « Atlantide ».")
    expect_error(page, form.get_by_label("Langues", exact=True), "Langue illisible : « klingon B2 »")
    expect(form.get_by_label("Intitulés de poste")).to_have_value("Contrôleur de gestion")
    assert not MatchRun.objects.exists()
    shot(page, "matching-erreurs")

    # Good criteria: the place chosen with the keyboard, skills very important, contract indispensable.
    pick_commune(page, form.get_by_role("combobox", name="Lieu", exact=True), "clermont", "Clermont-Ferrand (63)")
    form.get_by_label("Langues", exact=True).fill("")
    form.get_by_label("Années d'expérience (minimum)").fill("3")
    form.get_by_label("Niveau de diplôme minimal").select_option("7")
    form.get_by_label("CDI").check()
    form.get_by_role("textbox", name="Compétences").fill("Excel, SAP")
    form.get_by_label("Importance : Compétences").select_option(label="Très importante")
    form.get_by_role("checkbox", name="Indispensable : Types de contrat").check()
    search_button(page).click()
    page.wait_for_selector("#matching-rows tr")
    assert "Types de contrat (indispensable) : 4 profils exclus" in page.locator("#matching-funnel").inner_text()
    assert 0 < int(page.locator("#matching-count").inner_text()) <= 4

    # The slider narrows the list without a reload, and the address follows it.
    page.evaluate("window.__noReload = true")
    page.locator("#threshold-slider").fill("60")
    page.wait_for_function("document.getElementById('threshold-output').textContent === '60'")
    page.wait_for_url(re.compile(r".*threshold=60"))
    assert page.evaluate("window.__noReload") is True
    percents = [int(text.split()[0]) for text in page.locator("#matching-rows .matching-percent").all_inner_texts()]
    assert all(value >= 60 for value in percents)
    shown = page.locator("#matching-count").inner_text()

    reload_keeps_url(page)
    expect(page.locator("#threshold-output")).to_have_text("60")
    expect(page.locator("#matching-count")).to_have_text(shown)
    expect(form.get_by_label("Intitulés de poste")).to_have_value("Contrôleur de gestion")
    expect(form.get_by_role("combobox", name="Lieu", exact=True)).to_have_value("Clermont-Ferrand (63)")
    expect(form.get_by_label("Années d'expérience (minimum)")).to_have_value("3")
    expect(form.get_by_label("CDI")).to_be_checked()
    expect(form.get_by_label("Importance : Compétences")).to_have_value("3")
    expect(form.get_by_role("checkbox", name="Indispensable : Types de contrat")).to_be_checked()
    assert MatchRun.objects.exists()
    shot(page, "matching-resultats")

    # Saving: without a name or a folder, said next to both, nothing saved.
    save = page.locator("form[data-form=matching-save-search]")
    page.get_by_text("Enregistrer la recherche").click()
    save.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    expect_error(page, save.get_by_label("Nom de la recherche"), "Donnez un nom à la recherche.")
    expect_error(page, save.get_by_label("ou nouveau dossier"),
                 "Choisissez un dossier ou donnez un nom au nouveau dossier.")
    assert not SavedSearch.objects.exists()
    save.get_by_label("Nom de la recherche").fill("Contrôle de gestion 63")
    save.get_by_label("ou nouveau dossier").fill("Finance")
    save.get_by_label("Chaque jour").check()
    save.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r".*/admin/cvtheque/dossiers/\d+/"))
    reload_keeps_url(page)
    expect(page.get_by_role("heading", name=re.compile("Contrôle de gestion 63"))).to_be_visible()
    saved = SavedSearch.objects.get()
    assert (saved.kind, saved.folder.name, saved.alert_frequency) == ("matching", "Finance", AlertFrequency.DAILY)
    assert saved.criteria["threshold"] == 60 and saved.criteria["required"] == ["contract_types"]
    assert saved.criteria["importance"]["skills"] == 3
    assert saved.criteria["criteria"]["commune"] == "63113" and saved.criteria["criteria"]["min_years"] == 3

    # The folder reopens the same search.
    page.get_by_role("link", name="Lancer la recherche matching").click()
    page.wait_for_selector("#matching-rows tr")
    expect(page.locator("#threshold-output")).to_have_text("60")
    expect(form.get_by_role("combobox", name="Lieu", exact=True)).to_have_value("Clermont-Ferrand (63)")

    # A matching newcomer arrives: the daily alert mails it, and only it.
    newcomer = CandidateProfileFactory(headline="Contrôleuse arrivée ensuite", contract_types=["CDI"],
                                       skills=["Excel", "SAP"])
    ExperienceFactory(profile=newcomer, title="Contrôleuse de gestion", start_date=date(2015, 1, 1))
    EducationFactory(profile=newcomer, level=7)
    loader.record_change([newcomer.pk])
    mail.outbox.clear()
    report = saved_search_alerts_send(frequency="daily", now=timezone.now() + timedelta(days=1))
    assert report.profiles == 1
    [message] = mail.outbox
    assert "Contrôleuse arrivée ensuite" in message.body and "Contrôleuse de gestion 0" not in message.body


CONTROLLER_OFFER = [
    "Contrôleur de gestion H/F",
    "Lieu : Clermont-Ferrand (63)",
    "Type de contrat : CDI - Temps plein",
    "Profil : Bac+5 en finance, 3 ans d'expérience minimum sur un poste similaire.",
    "Maîtrise d'Excel et de SAP indispensable.",
    "Anglais courant (B2 minimum).",
]


@pytest.mark.forms("matching-upload")
@pytest.mark.forms_bad_input("matching-upload")
def test_an_offer_file_becomes_criteria(live_server, page, recruiter, controllers, tmp_path):
    page.goto(live_server.url + "/admin/matching/charger/")
    upload = page.locator("form[data-form=matching-upload]")

    # A text file renamed .pdf: refused next to the file field.
    fake = tmp_path / "offre.pdf"
    fake.write_text("\n".join(CONTROLLER_OFFER), encoding="utf-8")
    upload.get_by_label("Fichier de l'offre").set_input_files(str(fake))
    upload.get_by_role("button", name="Extraire les critères →").click()
    page.wait_for_load_state()
    expect_error(page, upload.get_by_label("Fichier de l'offre"), "« offre.pdf » n'est pas un PDF : c'est un texte.")
    assert not MatchRun.objects.exists()
    shot(page, "matching-fichier-refuse")

    # A real Word file: its criteria fill the search form, to check before running it.
    real = tmp_path / "offre.docx"
    real.write_bytes(docx_bytes(*CONTROLLER_OFFER))
    upload.get_by_label("Fichier de l'offre").set_input_files(str(real))
    upload.get_by_role("button", name="Extraire les critères →").click()
    page.wait_for_url(re.compile(r".*/admin/matching/recherche/\?.*extracted=1"))
    reload_keeps_url(page)
    expect(page.get_by_text("Voici les critères extraits de l'offre")).to_be_visible()
    form = page.locator(CRITERIA)
    expect(form.get_by_label("Intitulés de poste")).to_have_value("Contrôleur de gestion")
    expect(form.get_by_role("combobox", name="Lieu", exact=True)).to_have_value("Clermont-Ferrand (63)")
    expect(form.get_by_label("CDI")).to_be_checked()
    expect(form.get_by_label("Langues", exact=True)).to_have_value("Anglais B2")
    expect(form.get_by_label("Années d'expérience (minimum)")).to_have_value("3")
    shot(page, "matching-criteres-extraits")
    page.locator(CRITERIA).get_by_role("button", name="Lancer la recherche").click()
    page.wait_for_selector("#matching-rows tr")
    assert MatchRun.objects.count() == 1


@pytest.mark.forms("matching-candidate-retain", "matching-candidate-dismiss", "matching-candidate-comment",
                   "matching-candidate-contact", "matching-candidate-transfer")
@pytest.mark.forms_bad_input("matching-candidate-retain", "matching-candidate-comment", "matching-candidate-contact",
                             "matching-candidate-transfer")
def test_a_candidate_retained_dismissed_commented_contacted_and_transferred(live_server, page, recruiter, controllers):
    page.goto(live_server.url + SEARCH + "?job_titles=Contrôleur+de+gestion&commune=63113&threshold=0")
    page.locator("#matching-rows a").first.click()
    page.wait_for_selector(".matching-states")
    profile_id = int(re.search(r"/profil/(\d+)/", page.url).group(1))

    # Retain: no folder chosen and no name is refused next to the new folder's name.
    retain = page.locator("form[data-form=matching-candidate-retain]")
    expect(retain.get_by_label("ou nouveau dossier")).to_have_value("Matching")
    retain.get_by_label("ou nouveau dossier").fill("")
    retain.get_by_role("button", name="Retenir").click()
    page.wait_for_load_state()
    expect_error(page, retain.get_by_label("ou nouveau dossier"),
                 "Choisissez un dossier ou donnez un nom au nouveau dossier.")
    assert not FolderProfile.objects.exists()
    retain.get_by_label("ou nouveau dossier").fill("Contrôle de gestion")
    retain.get_by_role("button", name="Retenir").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Profil retenu dans le dossier « Contrôle de gestion ».")).to_be_visible()
    entry = FolderProfile.objects.get()
    assert (entry.profile_id, entry.folder.name) == (profile_id, "Contrôle de gestion")
    reload_keeps_url(page)
    expect(retain.get_by_label("Dossier", exact=True)).to_have_value(str(entry.folder_id))

    # Dismiss from this search, then restore.
    page.locator("form[data-form=matching-candidate-dismiss]").get_by_role("button", name="Écarter").click()
    page.wait_for_load_state()
    reload_keeps_url(page)
    expect(page.get_by_text("Écarté de cette recherche", exact=True)).to_be_visible()
    assert Dismissal.objects.filter(profile_id=profile_id).exists()
    page.locator("form[data-form=matching-candidate-dismiss]").get_by_role("button", name="Ne plus écarter").click()
    page.wait_for_load_state()
    assert not Dismissal.objects.exists()

    # Comment: blank refused, then stored and shown.
    page.get_by_role("link", name="Commentaires").click()
    comment = page.locator("form[data-form=matching-candidate-comment]")
    comment.get_by_role("button", name="Commenter").click()
    page.wait_for_load_state()
    text = comment.get_by_label("Commentaire (visible uniquement par votre entreprise)")
    expect_error(page, text, "Écrivez votre commentaire.")
    assert not Comment.objects.exists()
    text.fill("Très bon profil, à rappeler.")
    comment.get_by_role("button", name="Commenter").click()
    page.wait_for_load_state()
    reload_keeps_url(page)
    expect(page.locator(".matching-comment")).to_contain_text("Très bon profil, à rappeler.")
    assert Comment.objects.get().text == "Très bon profil, à rappeler."

    # Contact: a blank message refused; then sent.
    page.get_by_role("link", name="E-mail").click()
    contact = page.locator("form[data-form=matching-candidate-contact]")
    contact.get_by_role("button", name="Envoyer").click()
    page.wait_for_load_state()
    expect_error(page, contact.get_by_label("Message"), "Écrivez votre message.")
    assert not ContactMessage.objects.exists()
    contact.get_by_label("Objet").fill("Poste de contrôleuse de gestion")
    contact.get_by_label("Message").fill("Bonjour, êtes-vous disponible jeudi ?")
    contact.get_by_role("button", name="Envoyer").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Message envoyé au candidat.")).to_be_visible()
    assert ContactMessage.objects.get().subject == "Poste de contrôleuse de gestion"

    # Transfer: an address without a domain refused next to it; then transferred.
    transfer = page.locator("form[data-form=matching-candidate-transfer]")
    transfer.get_by_label("Adresse du destinataire").fill("chef")
    transfer.get_by_role("button", name="Transférer").click()
    page.wait_for_load_state()
    expect_error(page, transfer.get_by_label("Adresse du destinataire"), "Adresse e-mail du destinataire invalide")
    expect(transfer.get_by_label("Adresse du destinataire")).to_have_value("chef")
    assert not ProfileTransfer.objects.exists()
    transfer.get_by_label("Adresse du destinataire").fill("chef@example.org")
    transfer.get_by_label("Message").fill("Un profil pour ton équipe.")
    transfer.get_by_role("button", name="Transférer").click()
    page.wait_for_url(re.compile(r".*tab=historique"))
    reload_keeps_url(page)
    expect(page.get_by_text("profil transféré à chef@example.org")).to_be_visible()
    assert ProfileTransfer.objects.get().recipient == "chef@example.org"
    shot(page, "matching-candidat")
