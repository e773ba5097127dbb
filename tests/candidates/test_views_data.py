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
from recruiters.choices import ApplicationEventKind, ApplicationStatus
from recruiters.models import ApplicationEvent
from recruiters.services_offers import application_comment_add, application_status_set
from recruiters.visiotalent.services import interview_answer_upload, interview_invite
from search.choices import AccessKind, ProfileStatusValue
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    CandidateUserFactory,
    CommentFactory,
    CompanyFactory,
    ContactMessageFactory,
    EducationFactory,
    ExperienceFactory,
    FolderProfileFactory,
    InterviewQuestionFactory,
    ProfileAccessFactory,
    ProfileStatusFactory,
    RecruiterFactory,
)
from tests.factories.accounts import DEFAULT_PASSWORD
from tests.factories.candidates import pdf_bytes
from tests.recruiters.test_visiotalent import WEBM

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


def _archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_export_holds_all_the_data_and_the_cv(client, profile):
    response = client.post(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="vivier-mes-donnees-')
    assert response["Cache-Control"] == "no-store"
    archive = _archive(response)
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
    assert sorted(archive.namelist()) == sorted(["donnees.json", "LISEZMOI.txt", cv["file_in_archive"]])
    assert data["applications"] == []
    assert "Vos données sur Vivier" in archive.read("LISEZMOI.txt").decode()


def test_export_is_a_post(client, profile):
    assert client.get(EXPORT).status_code == 405


def test_export_without_profile_or_cv(client):
    user = CandidateUserFactory(email_confirmed_at=timezone.now())
    client.force_login(user)
    archive = _archive(client.post(EXPORT))
    data = json.loads(archive.read("donnees.json"))
    assert data["profile"]["cv"] is None and archive.namelist() == ["donnees.json", "LISEZMOI.txt"]


def test_export_holds_the_applications_their_history_and_video_answers(client, profile):
    application = ApplicationFactory(candidate=profile, offer__title="Soudeuse TIG H/F",
                                     offer__company__name="Ateliers des Volcans",
                                     message="Soudeuse depuis huit ans, disponible en janvier.")
    recruiter = RecruiterFactory(company=application.company, user__first_name="Claire")
    ApplicationEvent.objects.create(application=application, actor=profile.user,
                                    kind=ApplicationEventKind.SUBMITTED)
    application_status_set(applications=[application], status=ApplicationStatus.INTERVIEW, user=recruiter.user)
    application_comment_add(application=application, user=recruiter.user, text="Très bon dossier, à rappeler.")
    question = InterviewQuestionFactory(campaign__company=application.company, campaign__name="Premier échange",
                                        text="Présentez-vous en deux minutes.")
    invitation = interview_invite(application=application, campaign=question.campaign, invited_by=recruiter.user)
    answer, _created = interview_answer_upload(invitation=invitation, question=question, attempt=1,
                                               file=SimpleUploadedFile("r.webm", WEBM, content_type="video/webm"),
                                               duration_seconds=42.0)
    spontaneous = ApplicationFactory(candidate=profile, offer=None, company=CompanyFactory(name="Boulangerie Gaillard"),
                                     cv_file=None, cv_original_name="", message="")
    other_candidates = ApplicationFactory(offer=application.offer)

    archive = _archive(client.post(EXPORT))
    data = json.loads(archive.read("donnees.json"))
    assert len(data["applications"]) == 2
    first, second = data["applications"]
    assert (first["company"], first["offer"]["title"], first["spontaneous"], first["message"]) == (
        "Ateliers des Volcans", "Soudeuse TIG H/F", False, "Soudeuse depuis huit ans, disponible en janvier.")
    assert first["offer"]["url"].endswith(application.offer.get_absolute_url())
    assert first["applied_at"] == application.created_at.isoformat()
    assert first["status"] == "Entretien"
    assert [(event["event"], event["details"], event["by"]) for event in first["history"]] == [
        ("Candidature reçue", "", "vous"),
        ("Statut modifié", "Nouvelle → Entretien", "recruteur"),
        ("Commentaire ajouté", "", "recruteur"),
        ("Invitation Visiotalent envoyée", "Premier échange", "recruteur"),
    ]
    assert [note["text"] for note in first["recruiter_notes"]] == ["Très bon dossier, à rappeler."]
    assert "Claire" not in json.dumps(data)
    # The CV sent with the application and the recorded video are in the archive.
    with application.cv_file.open("rb") as handle:
        assert archive.read(first["cv"]["file_in_archive"]) == handle.read()
    (interview,) = first["video_interviews"]
    assert (interview["campaign"], interview["status"]) == ("Premier échange", "En cours")
    (video,) = interview["answers"]
    assert (video["question"], video["attempt"], video["duration_seconds"], video["type"]) == (
        "Présentez-vous en deux minutes.", 1, 42.0, answer.mime_type)
    assert archive.read(video["file_in_archive"]) == WEBM
    assert archive.getinfo(video["file_in_archive"]).compress_type == zipfile.ZIP_STORED
    # The spontaneous application has no offer; nobody else's application is in.
    assert (second["company"], second["offer"], second["spontaneous"], second["cv"]) == (
        "Boulangerie Gaillard", None, True, None)
    assert spontaneous.pk and other_candidates.candidate_id != profile.pk


def test_export_holds_what_the_cvtheque_keeps(client, profile):
    recruiter = RecruiterFactory(company__name="Ateliers des Volcans", user__email="claire@volcans.example")
    ProfileAccessFactory(recruiter=recruiter, profile=profile, kind=AccessKind.CV_DOWNLOAD)
    ContactMessageFactory(recruiter=recruiter, profile=profile, subject="Poste de soudeuse",
                          body="Bonjour Inès, votre profil nous intéresse.")
    CommentFactory(recruiter=recruiter, profile=profile, text="À rappeler en janvier.")
    ProfileStatusFactory(company=recruiter.company, profile=profile, status=ProfileStatusValue.CONTACTED)
    FolderProfileFactory(folder__recruiter=recruiter, folder__name="Soudeurs 2027", profile=profile)
    ContactMessageFactory(recruiter=recruiter, subject="Pour quelqu'un d'autre")

    data = json.loads(_archive(client.post(EXPORT)).read("donnees.json"))
    cvtheque = data["cvtheque"]
    assert [(row["company"], row["action"]) for row in cvtheque["consultations"]] == [
        ("Ateliers des Volcans", "Téléchargement du CV")]
    assert [(row["company"], row["subject"], row["body"]) for row in cvtheque["messages_received"]] == [
        ("Ateliers des Volcans", "Poste de soudeuse", "Bonjour Inès, votre profil nous intéresse.")]
    assert [row["text"] for row in cvtheque["recruiter_notes"]] == ["À rappeler en janvier."]
    assert [row["status"] for row in cvtheque["statuses"]] == ["Contacté"]
    assert [row["folder"] for row in cvtheque["folders"]] == ["Soudeurs 2027"]
    assert "claire@volcans.example" not in json.dumps(data)


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
    application = ApplicationFactory(candidate=profile)
    sent_cv = application.cv_file.name
    assert application.cv_file.storage.exists(sent_cv)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ERASE, {"password": DEFAULT_PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert not get_user_model().objects.filter(email="ines@exemple.fr").exists()
    assert not CandidateProfile.objects.filter(pk=profile.pk).exists()
    assert not private_storage().exists(cv_name)
    # The CV copies sent with applications go too.
    assert not application.cv_file.storage.exists(sent_cv)
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
