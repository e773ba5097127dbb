"""The CVthèque in headless Chromium, every form typed as a recruiter would: the dashboard's box, the
search (keywords, places typed or chosen, radius, departments, mode, facets), saving it into a folder
with an alert, the folders, and the profile's actions. Bad input first (said next to its field,
nothing stored), then good input, then a reload. Screenshots go to /tmp/shots/search/."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from search.choices import AlertFrequency, ProfileStatusValue
from search.models import Comment, ContactMessage, Folder, FolderProfile, ProfileStatus, SavedSearch
from tests.factories import FolderProfileFactory, SavedSearchFactory

from .browser import error_of, expect_error, log_in, pick_commune, reload_keeps_url, shot, type_place
from .conftest import reindex

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SEARCH_FORM = "form[data-form=cvtheque-search]"


@pytest.fixture
def signed_in(live_server, page, recruiter):
    log_in(page, live_server, recruiter.user)
    return page


@pytest.fixture
def technicians(index, make_profile):
    made = {
        "clermont": make_profile(headline="Technicienne de maintenance", cv_text="Maintenance industrielle, GMAO.",
                                 contract_types=["CDI"]),
        "riom": make_profile(headline="Technicien de maintenance", cv_text="Maintenance des lignes.",
                             contract_types=["CDD"], home="riom"),
        "baker": make_profile(headline="Boulangère", cv_text="Viennoiseries.", contract_types=["CDI"]),
    }
    reindex()
    return made


def place_box(page, row=0):
    return page.locator(f"#lieu-{row}")


@pytest.mark.forms("cvtheque-dashboard-search", "cvtheque-search", "cvtheque-save-search")
@pytest.mark.forms_bad_input("cvtheque-dashboard-search", "cvtheque-search", "cvtheque-save-search")
def test_search_from_the_dashboard_refine_it_and_save_it(live_server, signed_in, technicians):
    page, base = signed_in, live_server.url

    # The dashboard's box: an unclosed quote is repaired and said under the CVthèque's box.
    page.goto(base + "/admin/")
    page.get_by_label("Rechercher des profils").fill('"maintenance industrielle')
    page.get_by_label("Rechercher des profils").press("Enter")
    page.wait_for_url(re.compile(r".*/admin/cvtheque/\?q="))
    box = page.get_by_label("Mots-clés")
    assert "Guillemet fermant ajouté." in error_of(page, box)
    expect(page.locator("#cvtheque-count")).to_have_text("1 PROFIL")

    page.goto(base + "/admin/")
    page.get_by_label("Rechercher des profils").fill("techniciennes")
    page.get_by_label("Rechercher des profils").press("Enter")
    page.wait_for_url(re.compile(r".*/admin/cvtheque/\?q=techniciennes"))
    reload_keeps_url(page)
    expect(box).to_have_value("techniciennes")
    expect(page.locator("#cvtheque-count")).to_have_text("2 PROFILS")

    # A place typed but unknown: said under its row, the search not run, what was typed kept.
    type_place(place_box(page), "Atlantide")
    page.locator(SEARCH_FORM).get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    expect_error(page, place_box(page), "Commune inconnue : « Atlantide ».")
    expect(place_box(page)).to_have_value("Atlantide")
    expect(box).to_have_value("techniciennes")
    expect(page.locator("#cvtheque-count")).to_have_count(0)
    shot(page, "cvtheque-lieu-inconnu")

    # Riom chosen with the keyboard, 10 km, the Allier too, the "any word" mode, then the CDD facet.
    pick_commune(page, place_box(page), "rio", "Riom (63)")
    radius = page.locator(SEARCH_FORM).locator("[data-radius]").first
    radius.focus()
    radius.press("ArrowLeft")
    radius.press("ArrowLeft")
    expect(page.locator("[data-radius-output]").first).to_have_text("10 km")
    page.locator("select[name=departement]").first.select_option("03")
    page.get_by_label("Pertinence (au moins un mot)").check()
    page.locator(SEARCH_FORM).get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    expect(page.locator("#cvtheque-count")).to_have_text("1 PROFIL")
    page.locator('[data-facet="contract_type"] a[data-value="CDD"]').click()
    page.wait_for_url(re.compile(r".*contract_type=CDD"))
    reload_keeps_url(page)
    expect(page.locator("#cvtheque-count")).to_have_text("1 PROFIL")
    expect(box).to_have_value("techniciennes")
    expect(place_box(page)).to_have_value("Riom (63)")
    expect(radius).to_have_value("10")
    expect(page.locator("select[name=departement]").first).to_have_value("03")
    expect(page.get_by_label("Pertinence (au moins un mot)")).to_be_checked()
    expect(page.locator('[data-facet="contract_type"] a[data-value="CDD"]')).to_have_class(re.compile("is-selected"))
    shot(page, "cvtheque-recherche")

    # Save it: without a name or a folder, said next to both fields, nothing saved.
    save = page.locator("form[data-form=cvtheque-save-search]")
    page.get_by_text("Enregistrer cette recherche").click()
    save.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    expect_error(page, save.get_by_label("Nom de la recherche"), "Donnez un nom à la recherche.")
    expect_error(page, save.get_by_label("ou nouveau dossier"),
                 "Choisissez un dossier ou donnez un nom au nouveau dossier.")
    assert SavedSearch.objects.count() == Folder.objects.count() == 0
    expect(place_box(page)).to_have_value("Riom (63)")
    shot(page, "cvtheque-enregistrer-erreurs")

    save.get_by_label("Nom de la recherche").fill("Techniciens autour de Riom")
    save.get_by_label("ou nouveau dossier").fill("Maintenance")
    save.get_by_label("Chaque jour").check()
    save.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r".*/admin/cvtheque/dossiers/\d+/"))
    reload_keeps_url(page)
    expect(page.get_by_role("heading", name="Techniciens autour de Riom")).to_be_visible()
    saved = SavedSearch.objects.get()
    assert saved.folder.name == "Maintenance" and saved.alert_frequency == AlertFrequency.DAILY
    assert saved.criteria == {"q": "techniciennes", "mode": "any", "places": ["63300:10"], "departments": ["03"],
                              "filters": {"contract_type": ["CDD"]}, "sort": "relevance", "per_page": 30}

    # The saved search reopens the same results.
    page.get_by_role("link", name="Lancer la recherche").click()
    page.wait_for_load_state()
    expect(page.locator("#cvtheque-count")).to_have_text("1 PROFIL")
    expect(place_box(page)).to_have_value("Riom (63)")


@pytest.mark.forms("cvtheque-folder-create", "cvtheque-folder-update", "cvtheque-saved-search-update",
                   "cvtheque-folder-remove-profile", "cvtheque-saved-search-delete", "cvtheque-folder-delete")
@pytest.mark.forms_bad_input("cvtheque-folder-create", "cvtheque-folder-update", "cvtheque-saved-search-update")
def test_folders_created_renamed_shared_and_emptied(live_server, signed_in, recruiter, make_profile):
    page, base = signed_in, live_server.url
    page.goto(base + "/admin/cvtheque/dossiers/")

    create = page.locator("form[data-form=cvtheque-folder-create]")
    create.get_by_role("button", name="Créer le dossier").click()
    page.wait_for_load_state()
    expect_error(page, create.get_by_label("Nom du dossier"), "Donnez un nom au dossier.")
    assert not Folder.objects.exists()
    create.get_by_label("Nom du dossier").fill("Soudure")
    create.get_by_label("Partager avec mes collègues de l'entreprise").check()
    create.get_by_role("button", name="Créer le dossier").click()
    page.wait_for_url(re.compile(r".*/admin/cvtheque/dossiers/\d+/"))
    folder = Folder.objects.get()
    assert (folder.name, folder.shared, folder.owner) == ("Soudure", True, recruiter.user)

    FolderProfileFactory(folder=folder, profile=make_profile(headline="Soudeuse TIG"))
    search = SavedSearchFactory(folder=folder, name="Soudeurs", alert_frequency=AlertFrequency.NONE)
    reload_keeps_url(page)
    expect(page.get_by_text(re.compile("^Dossier partagé avec les recruteurs"))).to_be_visible()
    expect(page.get_by_role("link", name="Soudeuse TIG")).to_be_visible()

    # The saved search: a blank name refused next to it, then renamed with a weekly alert.
    update_search = page.locator("form[data-form=cvtheque-saved-search-update]")
    update_search.get_by_label("Nom de la recherche").fill(" ")
    update_search.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    expect_error(page, update_search.get_by_label("Nom de la recherche"), "Donnez un nom à la recherche.")
    search.refresh_from_db()
    assert search.name == "Soudeurs"
    update_search.get_by_label("Nom de la recherche").fill("Soudeurs TIG")
    update_search.get_by_label("Chaque semaine").check()
    update_search.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    reload_keeps_url(page)
    expect(update_search.get_by_label("Nom de la recherche")).to_have_value("Soudeurs TIG")
    expect(update_search.get_by_label("Chaque semaine")).to_be_checked()
    search.refresh_from_db()
    assert (search.name, search.alert_frequency) == ("Soudeurs TIG", AlertFrequency.WEEKLY)

    # The folder: a blank name refused, then renamed and no longer shared.
    update = page.locator("form[data-form=cvtheque-folder-update]")
    update.get_by_label("Nom du dossier").fill("")
    update.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    expect_error(page, update.get_by_label("Nom du dossier"), "Donnez un nom au dossier.")
    folder.refresh_from_db()
    assert folder.name == "Soudure"
    update.get_by_label("Nom du dossier").fill("Soudure TIG")
    update.get_by_label("Partager avec mes collègues de l'entreprise").uncheck()
    update.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    reload_keeps_url(page)
    expect(page.get_by_text("Dossier privé.")).to_be_visible()
    expect(update.get_by_label("Nom du dossier")).to_have_value("Soudure TIG")
    folder.refresh_from_db()
    assert (folder.name, folder.shared) == ("Soudure TIG", False)
    shot(page, "cvtheque-dossier")

    # Emptied: the profile, the search, then the folder itself.
    page.locator("form[data-form=cvtheque-folder-remove-profile]").get_by_role("button", name="Retirer").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Aucun profil retenu")).to_be_visible()
    assert not FolderProfile.objects.exists()
    page.locator("form[data-form=cvtheque-saved-search-delete]").get_by_role("button").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Aucune recherche enregistrée dans ce dossier.")).to_be_visible()
    assert not SavedSearch.objects.exists()
    page.locator("form[data-form=cvtheque-folder-delete]").get_by_role("button", name="Supprimer « Soudure TIG »").click()
    page.wait_for_url(base + "/admin/cvtheque/dossiers/")
    reload_keeps_url(page)
    expect(page.get_by_text("Aucun dossier pour l'instant.")).to_be_visible()
    assert not Folder.objects.exists()


@pytest.mark.forms("cvtheque-profile-status", "cvtheque-profile-retain", "cvtheque-profile-comment",
                   "cvtheque-profile-comment-delete", "cvtheque-profile-contact")
@pytest.mark.forms_bad_input("cvtheque-profile-status", "cvtheque-profile-retain", "cvtheque-profile-comment",
                             "cvtheque-profile-contact")
def test_profile_status_retain_comment_and_contact(live_server, signed_in, recruiter, technicians):
    page, base = signed_in, live_server.url
    profile = technicians["clermont"]
    page.goto(base + "/admin/cvtheque/?q=technicienne")
    page.get_by_role("link", name="Technicienne de maintenance").click()
    page.wait_for_url(re.compile(r".*/admin/cvtheque/profils/\d+/\?retour="))

    def current_status():
        return ProfileStatus.objects.get(company=recruiter.company, profile=profile).status

    # Status: the empty choice is refused next to the select; opening the profile marked it seen.
    status = page.locator("form[data-form=cvtheque-profile-status]")
    status.get_by_label("Statut").select_option("")
    status.get_by_role("button", name="Enregistrer le statut").click()
    page.wait_for_load_state()
    expect_error(page, status.get_by_label("Statut"), "Choisissez un statut")
    assert current_status() == ProfileStatusValue.SEEN
    status.get_by_label("Statut").select_option(label="Retenu")
    status.get_by_role("button", name="Enregistrer le statut").click()
    page.wait_for_load_state()
    reload_keeps_url(page)
    expect(status.get_by_label("Statut")).to_have_value("retenu")
    assert current_status() == ProfileStatusValue.RETAINED

    # Retain: neither a folder nor a name is refused next to the new folder's name.
    retain = page.locator("form[data-form=cvtheque-profile-retain]")
    retain.get_by_role("button", name="Retenir dans ce dossier").click()
    page.wait_for_load_state()
    expect_error(page, retain.get_by_label("ou nouveau dossier"),
                 "Choisissez un dossier ou donnez un nom au nouveau dossier.")
    assert not Folder.objects.exists()
    retain.get_by_label("ou nouveau dossier").fill("Maintenance Clermont")
    retain.get_by_role("button", name="Retenir dans ce dossier").click()
    page.wait_for_load_state()
    reload_keeps_url(page)
    expect(page.locator(".cvtheque-profile__header").get_by_role("link", name="Maintenance Clermont")).to_be_visible()
    assert FolderProfile.objects.get().folder.name == "Maintenance Clermont"

    # Comment: blank refused, then added, then deleted.
    comment = page.locator("form[data-form=cvtheque-profile-comment]")
    comment.get_by_role("button", name="Ajouter le commentaire").click()
    page.wait_for_load_state()
    expect_error(page, comment.get_by_label("Commentaire (visible uniquement par votre entreprise)"),
                 "Écrivez votre commentaire.")
    assert not Comment.objects.exists()
    comment.get_by_label("Commentaire (visible uniquement par votre entreprise)").fill("À appeler cette semaine.")
    comment.get_by_role("button", name="Ajouter le commentaire").click()
    page.wait_for_load_state()
    reload_keeps_url(page)
    expect(page.locator(".cvtheque-comments")).to_contain_text("À appeler cette semaine.")
    assert Comment.objects.get().text == "À appeler cette semaine."
    page.locator("form[data-form=cvtheque-profile-comment-delete]").get_by_role("button", name="Supprimer").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Aucun commentaire.")).to_be_visible()
    assert not Comment.objects.exists()

    # Contact: without subject nor message, both refused next to them; then sent.
    contact = page.locator("form[data-form=cvtheque-profile-contact]")
    contact.get_by_label("Objet").fill("")
    contact.get_by_role("button", name="Envoyer").click()
    page.wait_for_load_state()
    expect_error(page, contact.get_by_label("Objet"), "Indiquez l'objet du message.")
    expect_error(page, contact.get_by_label("Message"), "Écrivez votre message.")
    assert not ContactMessage.objects.exists()
    contact.get_by_label("Objet").fill("Poste de technicienne")
    contact.get_by_label("Message").fill("Bonjour, pouvons-nous en parler jeudi ?")
    contact.get_by_role("button", name="Envoyer").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Message envoyé au candidat.")).to_be_visible()
    sent = ContactMessage.objects.get()
    assert (sent.subject, sent.body) == ("Poste de technicienne", "Bonjour, pouvons-nous en parler jeudi ?")
    assert [m.subject for m in mail.outbox if profile.user.email in m.to]
    shot(page, "cvtheque-profil")

    # Back to the results: the card is marked seen, and contacted (the message set the status).
    page.get_by_role("link", name="Retour aux résultats").click()
    page.wait_for_url(re.compile(r".*/admin/cvtheque/\?q=technicienne"))
    card = page.locator("li.cvtheque-card").filter(
        has=page.get_by_role("link", name="Technicienne de maintenance", exact=True))
    expect(card).to_contain_text("Déjà vu")
    expect(card).to_contain_text("Contacté")
    assert current_status() == ProfileStatusValue.CONTACTED
