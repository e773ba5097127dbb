"""The candidate's data rights: the personal data page, the export archive and account erasure."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.candidates.models import CandidateProfile, private_storage
from portal.candidates.services import candidate_cv_replace
from tests.factories import CandidateProfileFactory, CandidateUserFactory, EducationFactory, ExperienceFactory
from tests.factories.accounts import DEFAULT_PASSWORD
from tests.factories.candidates import pdf_bytes

pytestmark = pytest.mark.django_db

EXPORT = "/espace-candidat/donnees-personnelles/export/"
ERASE = "/espace-candidat/donnees-personnelles/supprimer/"


@pytest.fixture
def profile(client):
    user = CandidateUserFactory(first_name="Inès", last_name="Morel", email="ines@exemple.fr",
                                email_confirmed_at=timezone.now())
    profile = CandidateProfileFactory(user=user, headline="Soudeuse TIG")
    ExperienceFactory(profile=profile, title="Soudeuse", employer="Aubert & Duval")
    EducationFactory(profile=profile)
    candidate_cv_replace(profile=profile, uploaded_file=SimpleUploadedFile("mon-cv.pdf", pdf_bytes("Inès Morel")))
    profile.refresh_from_db()
    client.force_login(user)
    return profile


def test_personal_data_page_explains_and_offers_the_rights(client, profile):
    html = client.get("/espace-candidat/donnees-personnelles/").content.decode()
    for text in ("Ce que nous conservons", "Qui les voit", "deux ans", "Télécharger mes données", "Supprimer mon compte"):
        assert text in html
    client.logout()
    anonymous = client.get("/espace-candidat/donnees-personnelles/").content.decode()
    assert "Télécharger mes données" not in anonymous and "Connectez-vous" in anonymous


def test_export_holds_all_the_data_and_the_cv(client, profile):
    response = client.post(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="vivier-mes-donnees-')
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("donnees.json"))
    assert data["account"]["email"] == "ines@exemple.fr" and data["account"]["last_name"] == "Morel"
    assert data["profile"]["headline"] == "Soudeuse TIG"
    assert data["profile"]["experiences"][0]["employer"] == "Aubert & Duval"
    assert data["profile"]["education"][0]["title"] == "BTS Maintenance des systèmes"
    assert data["profile"]["visible_in_cvtheque"] is True and data["profile"]["consent_at"]
    cv = data["profile"]["cv"]
    assert cv["original_name"] == "mon-cv.pdf" and "Inès Morel" in cv["extracted_text"]
    with private_storage().open(profile.cv_file.name, "rb") as handle:
        assert archive.read(cv["file_in_archive"]) == handle.read()
    assert sorted(archive.namelist()) == sorted(["donnees.json", cv["file_in_archive"]])


def test_export_is_a_post(client, profile):
    assert client.get(EXPORT).status_code == 405


def test_export_without_profile_or_cv(client):
    user = CandidateUserFactory(email_confirmed_at=timezone.now())
    client.force_login(user)
    archive = zipfile.ZipFile(io.BytesIO(client.post(EXPORT).content))
    data = json.loads(archive.read("donnees.json"))
    assert data["profile"]["cv"] is None and archive.namelist() == ["donnees.json"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"password": "mauvais", "confirm": "on"}, "Mot de passe incorrect : votre compte n'a pas été supprimé."),
        ({"password": "", "confirm": "on"}, "Indiquez votre mot de passe pour confirmer."),
        ({"password": DEFAULT_PASSWORD}, "Cochez cette case pour confirmer la suppression."),
    ],
)
def test_erasure_needs_the_password_and_the_box(client, profile, data, message):
    response = client.post(ERASE, data)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert get_user_model().objects.filter(pk=profile.user_id).exists()
    assert private_storage().exists(profile.cv_file.name)


def test_erasure_removes_account_profile_and_cv_file(client, profile, django_capture_on_commit_callbacks):
    cv_name = profile.cv_file.name
    assert private_storage().exists(cv_name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ERASE, {"password": DEFAULT_PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert not get_user_model().objects.filter(email="ines@exemple.fr").exists()
    assert not CandidateProfile.objects.filter(pk=profile.pk).exists()
    assert not private_storage().exists(cv_name)
    # Logged out: the candidate space asks to log in again.
    assert client.get("/espace-candidat/profil/identite/")["Location"].startswith("/compte/connexion/")
    assert "Votre compte, votre profil et votre CV ont été supprimés." in client.get("/").content.decode()


def test_erasure_leaves_other_candidates_alone(client, profile, django_capture_on_commit_callbacks):
    other = CandidateProfileFactory()
    candidate_cv_replace(profile=other, uploaded_file=SimpleUploadedFile("cv.pdf", pdf_bytes("Autre")))
    other.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ERASE, {"password": DEFAULT_PASSWORD, "confirm": "on"})
    assert CandidateProfile.objects.filter(pk=other.pk).exists()
    assert private_storage().exists(other.cv_file.name)
