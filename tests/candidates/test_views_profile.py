"""The candidate's profile editor, part by part: good input is saved, bad input changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.candidates.models import CandidateProfile, Experience, private_storage
from portal.candidates.services import candidate_cv_replace
from tests.factories import (
    CandidateProfileFactory,
    CandidateUserFactory,
    CommuneFactory,
    DepartmentFactory,
    ExperienceFactory,
    LanguageFactory,
    NafSectorFactory,
)
from tests.factories.candidates import pdf_bytes

pytestmark = pytest.mark.django_db

BASE = "/espace-candidat/profil/"


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }


def page(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


@pytest.fixture
def profile(client):
    user = CandidateUserFactory(first_name="Inès", last_name="Morel", email_confirmed_at=timezone.now())
    profile = CandidateProfileFactory(user=user, hidden=True, headline="Soudeuse", phone="")
    client.force_login(user)
    return profile


def test_every_part_of_the_editor_opens(client, profile):
    for part in ["identite", "recherche", "experiences", "formation", "competences", "cv", "visibilite"]:
        response = client.get(f"{BASE}{part}/")
        assert response.status_code == 200, part
        assert 'aria-current="page"' in page(response)
    overview = page(client.get("/espace-candidat/"))
    assert "Bonjour Inès" in overview and "Les étapes de votre profil" in overview


def test_empty_choices_read_in_french(client, profile):
    # Django's default empty label is a row of dashes, which screen readers spell out.
    for part in ["experiences", "formation", "competences", "recherche"]:
        assert "---------" not in page(client.get(f"{BASE}{part}/")), part


def test_identity_is_saved(client, profile):
    commune = CommuneFactory()
    response = client.post(
        f"{BASE}identite/",
        {"first_name": "Inès", "last_name": "Morel-Duval", "headline": "Soudeuse TIG", "phone": "06 12 34 56 78",
         "home_commune": commune.insee, "home_commune_label": "Clermont-Ferrand (63)"},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert (profile.user.last_name, profile.headline, profile.phone, profile.home_commune) == (
        "Morel-Duval", "Soudeuse TIG", "+33612345678", commune
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "12"}, "Numéro de téléphone non valide"),
        ({"last_name": ""}, "Champ requis."),
        ({"home_commune": "", "home_commune_label": "Atlantide"}, "Atlantide"),
    ],
)
def test_identity_bad_input_changes_nothing(client, profile, changes, message):
    data = {"first_name": "Inès", "last_name": "Morel", "headline": "Autre titre", "phone": "", **changes}
    response = client.post(f"{BASE}identite/", data)
    assert response.status_code == 400
    html = page(response)
    assert message in html and "Rien n'a été enregistré" in html
    profile.refresh_from_db()
    assert profile.headline == "Soudeuse" and profile.user.last_name == "Morel"


def test_search_preferences_and_places_are_saved_together(client, profile):
    commune = CommuneFactory()
    department = DepartmentFactory(code="69", name="Rhône")
    sector = NafSectorFactory()
    data = {
        "desired_jobs": "Soudeuse\nChaudronnière",
        "contract_types": ["CDI", "INTERIM"],
        "working_time": ["FULL_TIME"],
        "salary_min": "28000",
        "driving_licence": "true",
        "sectors": [sector.pk],
        **management("places", 2),
        "places-0-commune": commune.insee,
        "places-0-radius_km": "30",
        "places-1-department": department.pk,
    }
    response = client.post(f"{BASE}recherche/", data)
    assert response.status_code == 302, page(response)[:3000]
    profile.refresh_from_db()
    assert profile.desired_jobs == ["Soudeuse", "Chaudronnière"]
    assert profile.contract_types == ["CDI", "INTERIM"] and profile.salary_min == 28000
    assert list(profile.sectors.all()) == [sector]
    assert [str(place) for place in profile.desired_places.all()] == ["Clermont-Ferrand (63) + 30 km", "Rhône (69)"]


def test_a_place_with_both_a_commune_and_a_department_is_refused(client, profile):
    commune = CommuneFactory()
    department = DepartmentFactory(code="69", name="Rhône")
    data = {
        "desired_jobs": "Tout autre chose",
        **management("places", 1),
        "places-0-commune": commune.insee,
        "places-0-radius_km": "30",
        "places-0-department": department.pk,
    }
    response = client.post(f"{BASE}recherche/", data)
    assert response.status_code == 400
    assert "Indiquez soit une commune et un rayon, soit un département." in page(response)
    profile.refresh_from_db()
    assert profile.desired_jobs == ["Technicien de maintenance"] and not profile.desired_places.exists()


def test_experiences_are_replaced(client, profile):
    ExperienceFactory(profile=profile, title="Ancien poste")
    data = {
        **management("experiences", 2, initial=1),
        "experiences-0-title": "Soudeuse TIG",
        "experiences-0-employer": "Aubert & Duval",
        "experiences-0-start": "2019-04",
        "experiences-0-end": "",
        "experiences-1-title": "Ancien poste",
        "experiences-1-start": "2015-01",
        "experiences-1-end": "2019-03",
        "experiences-1-DELETE": "on",
    }
    assert client.post(f"{BASE}experiences/", data).status_code == 302
    assert list(profile.experiences.values_list("title", "employer")) == [("Soudeuse TIG", "Aubert & Duval")]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"experiences-0-start": "2020-05", "experiences-0-end": "2019-01"}, "La fin précède le début."),
        ({"experiences-0-start": "mai dernier"}, "Indiquez un mois, par exemple 2018-03."),
        ({"experiences-0-title": ""}, "Champ requis."),
    ],
)
def test_bad_experiences_change_nothing(client, profile, row, message):
    ExperienceFactory(profile=profile, title="Poste conservé")
    data = {**management("experiences", 1), "experiences-0-title": "Nouveau", "experiences-0-start": "2020-01", **row}
    response = client.post(f"{BASE}experiences/", data)
    assert response.status_code == 400
    assert message in page(response)
    assert list(Experience.objects.filter(profile=profile).values_list("title", flat=True)) == ["Poste conservé"]


def test_education_is_saved(client, profile):
    data = {**management("education", 1), "education-0-level": "5", "education-0-title": "BTS CRSA",
            "education-0-school": "Lycée La Fayette", "education-0-year": "2016"}
    assert client.post(f"{BASE}formation/", data).status_code == 302
    assert list(profile.education.values_list("title", "level", "year")) == [("BTS CRSA", 5, 2016)]


def test_skills_and_languages(client, profile):
    english, german = LanguageFactory(code="en", name="anglais"), LanguageFactory(code="de", name="allemand")
    data = {"skills": "Soudure TIG; Lecture de plans", **management("languages", 2),
            "languages-0-language": english.pk, "languages-0-level": "B2",
            "languages-1-language": german.pk, "languages-1-level": ""}
    assert client.post(f"{BASE}competences/", data).status_code == 302
    profile.refresh_from_db()
    assert profile.skills == ["Soudure TIG", "Lecture de plans"]
    assert list(profile.languages.values_list("language_id", "level")) == [("en", "B2"), ("de", "")]


def test_the_same_language_twice_is_refused(client, profile):
    english = LanguageFactory(code="en", name="anglais")
    data = {"skills": "Autre", **management("languages", 2),
            "languages-0-language": english.pk, "languages-0-level": "B2",
            "languages-1-language": english.pk, "languages-1-level": "C1"}
    response = client.post(f"{BASE}competences/", data)
    assert response.status_code == 400
    assert "La langue « anglais » figure deux fois." in page(response)
    profile.refresh_from_db()
    assert profile.skills == ["Électrotechnique", "GMAO"] and not profile.languages.exists()


def test_cv_upload_replace_download_and_delete(client, profile, django_capture_on_commit_callbacks):
    first = SimpleUploadedFile("mon-cv.pdf", pdf_bytes("Inès Morel", "Soudeuse TIG"), content_type="application/pdf")
    assert client.post(f"{BASE}cv/", {"action": "upload", "cv": first}).status_code == 302
    profile.refresh_from_db()
    first_name = profile.cv_file.name
    assert "Soudeuse TIG" in profile.cv_text and profile.cv_original_name == "mon-cv.pdf"
    download = client.get(f"{BASE}cv/telecharger/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
    assert 'filename="mon-cv.pdf"' in download["Content-Disposition"]
    second = SimpleUploadedFile("cv-2026.pdf", pdf_bytes("Nouvelle version"), content_type="application/pdf")
    response = client.post(f"{BASE}cv/", {"action": "upload", "cv": second})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.cv_file.name != first_name and profile.cv_original_name == "cv-2026.pdf"
    assert private_storage().exists(profile.cv_file.name)
    assert client.post(f"{BASE}cv/", {"action": "delete"}).status_code == 302
    profile.refresh_from_db()
    assert not profile.cv_file
    assert client.get(f"{BASE}cv/telecharger/").status_code == 404


def test_a_bad_cv_is_refused_and_the_current_one_kept(client, profile):
    candidate_cv_replace(profile=profile, uploaded_file=SimpleUploadedFile("cv.pdf", pdf_bytes("Version gardée")))
    profile.refresh_from_db()
    kept = profile.cv_file.name
    fake = SimpleUploadedFile("cv.pdf", b"ceci n'est pas un PDF", content_type="application/pdf")
    response = client.post(f"{BASE}cv/", {"action": "upload", "cv": fake})
    assert response.status_code == 400
    assert "Le CV n'a pas été enregistré" in page(response)
    profile.refresh_from_db()
    assert profile.cv_file.name == kept and "Version gardée" in profile.cv_text


def test_cvtheque_consent_given_and_withdrawn(client, profile):
    html = page(client.get(f"{BASE}visibilite/"))
    assert "Si vous acceptez" in html and "retirer votre accord à tout moment" in html
    assert client.post(f"{BASE}visibilite/", {"visible_in_cvtheque": "on"}).status_code == 302
    profile.refresh_from_db()
    assert profile.visible_in_cvtheque and profile.consent_at is not None
    assert client.post(f"{BASE}visibilite/", {}).status_code == 302
    profile.refresh_from_db()
    assert not profile.visible_in_cvtheque


def test_a_candidate_without_profile_gets_one(client):
    user = CandidateUserFactory(email_confirmed_at=timezone.now())
    client.force_login(user)
    assert client.get(f"{BASE}identite/").status_code == 200
    assert CandidateProfile.objects.filter(user=user, visible_in_cvtheque=False).exists()


def test_a_candidate_only_reaches_their_own_cv(client, profile):
    other = CandidateProfileFactory()
    candidate_cv_replace(profile=other, uploaded_file=SimpleUploadedFile("autre.pdf", pdf_bytes("Autre candidat")))
    response = client.get(f"{BASE}cv/telecharger/")
    assert response.status_code == 404
