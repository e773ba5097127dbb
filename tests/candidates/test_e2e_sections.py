"""The candidate's profile sections in headless Chromium: typed, saved, reloaded, read back.

Each section is filled as a person would (typing, picking communes from the suggestions, adding and
removing rows), first with a mistake that must be answered in French next to the field while nothing
is stored, then correctly; the page is reloaded and what it shows and what the database holds are
checked, and so is what the CVthèque reads from the profile.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from portal.candidates.models import CandidateProfile
from portal.candidates.selectors import with_details
from portal.reference.choices import CefrLevel, DiplomaLevel
from search.documents import profile_document, skill_key
from tests.candidates.browser import (
    auvergne_communes,
    confirmed_candidate,
    expect_error_at,
    log_in,
    pick_commune,
    shot,
    submit,
)
from tests.factories import ExperienceFactory, LanguageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECTION = "/espace-candidat/profil/"
LANGUAGE = re.compile(r"^Langue")
SAVED = "Vos modifications sont enregistrées."
NOT_SAVED = "Rien n'a été enregistré"


def _document(profile):
    return profile_document(with_details(CandidateProfile.objects.filter(pk=profile.pk)).get())


@pytest.mark.forms("candidate-section-experiences")
@pytest.mark.forms_bad_input("candidate-section-experiences")
def test_experiences_are_typed_added_removed_and_reach_the_cvtheque(live_server, page):
    profile = confirmed_candidate()
    ExperienceFactory(profile=profile, title="Opératrice de production", employer="Limagrain",
                      start_date=date(2012, 9, 1), end_date=date(2015, 6, 1), description="")
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}{SECTION}experiences/")
    expect(page.get_by_role("heading", name="Expériences", level=1)).to_be_visible()

    # The stored row is shown; a new one is added with the button and filled with an end before its start.
    expect(page.get_by_label("Poste").first).to_have_value("Opératrice de production")
    page.get_by_role("button", name="Ajouter une expérience").click()
    row = page.locator("[data-formset-row]").nth(1)
    expect(row).to_contain_text("Expérience 2")
    row.get_by_label("Poste").press_sequentially("Soudeuse TIG")
    row.get_by_label("Employeur").press_sequentially("Ateliers des Volcans")
    row.get_by_label("Début").fill("2019-04")
    row.get_by_label("Fin").fill("2018-01")
    row.get_by_label("Description").press_sequentially("Soudure TIG et MIG sur inox.")
    submit(page)
    expect(page.get_by_text(NOT_SAVED)).to_be_visible()
    expect_error_at(page, "id_experiences-1-end", "La fin précède le début.")
    shot(page, "experiences-error")
    assert list(profile.experiences.values_list("title", flat=True)) == ["Opératrice de production"]

    # Corrected, and the old row is removed.
    row = page.locator("[data-formset-row]").nth(1)
    row.get_by_label("Fin").fill("")
    page.locator("[data-formset-row]").nth(0).get_by_label("Supprimer cette expérience").check()
    submit(page)
    expect(page.get_by_text(SAVED)).to_be_visible()
    page.reload()
    expect(page.get_by_label("Poste")).to_have_count(1)
    expect(page.get_by_label("Poste")).to_have_value("Soudeuse TIG")
    expect(page.get_by_label("Employeur")).to_have_value("Ateliers des Volcans")
    expect(page.get_by_label("Début")).to_have_value("2019-04")
    expect(page.get_by_label("Fin")).to_have_value("")
    shot(page, "experiences-saved")

    experience = profile.experiences.get()
    assert (experience.title, experience.employer, experience.start_date, experience.end_date,
            experience.description) == (
        "Soudeuse TIG", "Ateliers des Volcans", date(2019, 4, 1), None, "Soudure TIG et MIG sur inox.")
    # What the CVthèque indexes: the title and an ongoing experience of several years.
    document = _document(profile)
    assert "Soudeuse TIG" in document.titles
    assert document.experience_ongoing and document.experience_months >= 12


@pytest.mark.forms("candidate-section-education")
@pytest.mark.forms_bad_input("candidate-section-education")
def test_education_is_typed_saved_and_indexed(live_server, page):
    profile = confirmed_candidate()
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}{SECTION}formation/")
    expect(page.get_by_role("heading", name="Formation", level=1)).to_be_visible()

    page.get_by_label("Niveau").select_option(label="BAC+2")
    page.get_by_label("Établissement").press_sequentially("Lycée La Fayette, Clermont-Ferrand")
    page.get_by_label("Année d'obtention").press_sequentially("1850")
    submit(page)
    expect_error_at(page, "id_education-0-title", "Indiquez l'intitulé du diplôme ou de la formation.")
    expect_error_at(page, "id_education-0-year", "Indiquez une année à partir de 1940.")
    shot(page, "education-error")
    assert not profile.education.exists()

    page.get_by_label("Diplôme").press_sequentially("BTS Maintenance des systèmes")
    page.get_by_label("Année d'obtention").fill("2017")
    page.get_by_role("button", name="Ajouter une formation").click()
    second = page.locator("[data-formset-row]").nth(1)
    second.get_by_label("Diplôme").press_sequentially("CACES R489")
    submit(page)
    expect(page.get_by_text(SAVED)).to_be_visible()
    page.reload()
    expect(page.get_by_label("Diplôme")).to_have_count(2)
    expect(page.get_by_label("Diplôme").first).to_have_value("BTS Maintenance des systèmes")
    expect(page.get_by_label("Niveau").first).to_have_value(str(DiplomaLevel.BAC_2.value))
    expect(page.get_by_label("Année d'obtention").first).to_have_value("2017")
    expect(page.get_by_label("Diplôme").nth(1)).to_have_value("CACES R489")
    shot(page, "education-saved")

    stored = list(profile.education.order_by("pk").values_list("level", "title", "school", "year"))
    assert stored == [
        (DiplomaLevel.BAC_2, "BTS Maintenance des systèmes", "Lycée La Fayette, Clermont-Ferrand", 2017),
        (None, "CACES R489", "", None),
    ]
    assert _document(profile).facets["diploma"] == [str(DiplomaLevel.BAC_2.value)]


@pytest.mark.forms("candidate-section-skills")
@pytest.mark.forms_bad_input("candidate-section-skills")
def test_skills_and_languages_are_saved_and_indexed(live_server, page):
    LanguageFactory(code="en", name="anglais")
    LanguageFactory(code="es", name="espagnol")
    profile = confirmed_candidate(skills=[])
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}{SECTION}competences/")

    page.get_by_label("Compétences").fill("Soudure TIG\nLecture de plans")
    page.get_by_role("combobox", name=LANGUAGE).select_option(label="anglais")
    page.get_by_label("Niveau").select_option("B2")
    page.get_by_role("button", name="Ajouter une langue").click()
    second = page.locator("[data-formset-row]").nth(1)
    second.get_by_role("combobox", name=LANGUAGE).select_option(label="anglais")
    submit(page)
    expect_error_at(page, "id_languages-1-language", "La langue « anglais » figure deux fois.")
    shot(page, "skills-error")
    profile.refresh_from_db()
    assert profile.skills == [] and not profile.languages.exists()

    second = page.locator("[data-formset-row]").nth(1)
    second.get_by_role("combobox", name=LANGUAGE).select_option(label="espagnol")
    second.get_by_label("Niveau").select_option("A2")
    submit(page)
    expect(page.get_by_text(SAVED)).to_be_visible()
    page.reload()
    expect(page.get_by_label("Compétences")).to_have_value("Soudure TIG\nLecture de plans")
    expect(page.get_by_role("combobox", name=LANGUAGE).first).to_have_value("en")
    expect(page.get_by_role("combobox", name=LANGUAGE).nth(1)).to_have_value("es")
    expect(page.get_by_label("Niveau").nth(1)).to_have_value("A2")
    shot(page, "skills-saved")

    profile.refresh_from_db()
    assert profile.skills == ["Soudure TIG", "Lecture de plans"]
    assert sorted(profile.languages.values_list("language_id", "level")) == [
        ("en", CefrLevel.B2), ("es", CefrLevel.A2)]
    document = _document(profile)
    assert sorted(document.facets["language"]) == ["en", "es"]
    assert skill_key("Soudure TIG") in document.facets["skill"]


@pytest.mark.forms("candidate-section-identity")
@pytest.mark.forms_bad_input("candidate-section-identity")
def test_identity_is_typed_saved_and_shown(live_server, page):
    communes = auvergne_communes()
    profile = confirmed_candidate(headline="", phone="", home_commune=None)
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}{SECTION}identite/")

    page.get_by_role("textbox", name=re.compile(r"^Nom")).fill("")
    page.get_by_label("Titre de votre profil").press_sequentially("Soudeuse TIG, 8 ans d'expérience")
    page.get_by_label("Téléphone").press_sequentially("12")
    submit(page)
    expect_error_at(page, "id_last_name", "Champ requis.")
    expect_error_at(page, "id_phone", "Numéro de téléphone non valide")
    shot(page, "identity-error")
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert (profile.headline, profile.phone, profile.user.last_name) == ("", "", "Fayolle")

    page.get_by_role("textbox", name=re.compile(r"^Nom")).press_sequentially("Fayolle-Brun")
    page.get_by_label("Téléphone").fill("")
    page.get_by_label("Téléphone").press_sequentially("06 12 34 56 78")
    pick_commune(page, page.get_by_label("Commune de résidence"), "rio", "Riom")
    submit(page)
    expect(page.get_by_text(SAVED)).to_be_visible()
    page.reload()
    expect(page.get_by_role("textbox", name=re.compile(r"^Nom"))).to_have_value("Fayolle-Brun")
    expect(page.get_by_label("Titre de votre profil")).to_have_value("Soudeuse TIG, 8 ans d'expérience")
    expect(page.get_by_label("Commune de résidence")).to_have_value(re.compile("Riom"))
    expect(page.get_by_label("Téléphone")).to_have_value("06 12 34 56 78")
    shot(page, "identity-saved")

    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert (profile.user.first_name, profile.user.last_name, profile.headline, profile.phone,
            profile.home_commune) == ("Élodie", "Fayolle-Brun", "Soudeuse TIG, 8 ans d'expérience",
                                      "+33612345678", communes["riom"])
    assert _document(profile).communes == ["63300"]


@pytest.mark.forms("candidate-section-search")
@pytest.mark.forms_bad_input("candidate-section-search")
def test_what_i_look_for_with_places_picked_from_the_suggestions(live_server, page):
    auvergne_communes()
    profile = confirmed_candidate(desired_jobs=[], contract_types=[], working_time=[], driving_licence=None,
                                  home_commune=None)
    log_in(page, live_server, profile.user)
    page.goto(f"{live_server.url}{SECTION}recherche/")

    page.get_by_label("Postes recherchés").fill("Soudeuse TIG\nChaudronnière")
    page.get_by_label("CDI").check()
    page.get_by_label("Temps plein").check()
    page.get_by_label(re.compile("Salaire annuel brut")).fill("26000")
    page.get_by_label("Permis de conduire (B)").select_option(label="Oui")
    # A place typed and never picked, which matches no commune: said next to the field, nothing stored.
    page.get_by_role("combobox", name=re.compile("^Commune")).press_sequentially("Trifouilly")
    submit(page)
    expect_error_at(page, "id_places-0-commune", "Commune inconnue")
    shot(page, "search-error")
    profile.refresh_from_db()
    assert profile.desired_jobs == [] and not profile.desired_places.exists()

    commune = page.get_by_role("combobox", name=re.compile("^Commune"))
    commune.fill("")
    pick_commune(page, commune, "clerm", "Clermont-Ferrand")
    page.get_by_label("Rayon (km)").fill("20")
    # Rows added with the button get a working commune picker too.
    page.get_by_role("button", name="Ajouter un lieu").click()
    second = page.locator("[data-formset-row]").nth(1)
    pick_commune(page, second.get_by_role("combobox", name=re.compile("^Commune")), "rio", "Riom")
    second.get_by_label("Rayon (km)").fill("10")
    page.get_by_role("button", name="Ajouter un lieu").click()
    third = page.locator("[data-formset-row]").nth(2)
    third.get_by_label("ou département").select_option(label="Rhône (69)")
    submit(page)
    expect(page.get_by_text(SAVED)).to_be_visible()
    page.reload()
    expect(page.get_by_label("Postes recherchés")).to_have_value("Soudeuse TIG\nChaudronnière")
    expect(page.get_by_label("CDI")).to_be_checked()
    expect(page.get_by_label("Temps plein")).to_be_checked()
    expect(page.get_by_label("Permis de conduire (B)")).to_have_value("true")
    expect(page.get_by_role("combobox", name=re.compile("^Commune")).first).to_have_value(
        re.compile("Clermont-Ferrand"))
    expect(page.get_by_label("Rayon (km)").first).to_have_value("20")
    expect(page.get_by_role("combobox", name=re.compile("^Commune")).nth(1)).to_have_value(re.compile("Riom"))
    expect(page.get_by_label("ou département").nth(2)).to_have_value("69")
    shot(page, "search-saved")

    profile.refresh_from_db()
    assert (profile.desired_jobs, profile.contract_types, profile.working_time, profile.salary_min,
            profile.driving_licence) == (["Soudeuse TIG", "Chaudronnière"], ["CDI"], ["FULL_TIME"], 26000, True)
    assert sorted(profile.desired_places.values_list("commune_id", "radius_km", "department_id"),
                  key=str) == sorted([("63113", 20, None), ("63300", 10, None), (None, None, "69")], key=str)
    document = _document(profile)
    assert {"63113", "63300"} <= set(document.communes) and document.desired_departments == ["69"]
    assert "Soudeuse TIG" in document.titles
