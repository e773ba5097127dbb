"""Private files (CVs, recorded answers) are served inert: a file someone uploaded never runs in our origin.

Every response carries ``nosniff`` and ``Content-Security-Policy: sandbox``, except a PDF shown inline
in the product's viewer (Chromium does not start its PDF viewer in a sandboxed document): that one may
only be framed by our own pages. ``?telecharger=1`` downloads; views and downloads stay in the access log.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.candidates.services import store_cv
from recruiters.visiotalent.services import interview_answer_upload, interview_invite
from search.choices import AccessKind
from search.models import ProfileAccess
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    CandidateUserFactory,
    InterviewCampaignFactory,
    InterviewQuestionFactory,
    JobOfferFactory,
    RecruiterFactory,
)
from tests.factories.candidates import docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

SANDBOX = "sandbox"
INLINE_PDF = "frame-ancestors 'self'"
# Minimal WebM header the content sniffer recognises.
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm" + bytes(
    range(256)) * 8
# A PDF whose opening runs JavaScript: what the recruiters' viewer must never run in our origin.
PDF_WITH_SCRIPT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript/JS(app.alert\\(1\\))>>>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def with_cv(profile, data, extension="pdf", name="CV.pdf"):
    profile.cv_file.name = store_cv(data, extension)
    profile.cv_original_name = name
    profile.cv_uploaded_at = timezone.now()
    profile.save()
    return profile


def assert_inert(response, *, attachment: bool):
    assert response.status_code == 200, response.status_code
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    if attachment:
        assert disposition.startswith("attachment"), disposition
        assert response["Content-Security-Policy"] == SANDBOX
    else:
        assert disposition.startswith("inline"), disposition
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Security-Policy"] in (SANDBOX, INLINE_PDF)


@pytest.fixture
def recruiter(client):
    recruiter = RecruiterFactory()
    client.force_login(recruiter.user)
    return recruiter


def test_cvtheque_cv_inline_and_download_are_inert_and_logged(client, recruiter):
    profile = with_cv(CandidateProfileFactory(), PDF_WITH_SCRIPT, name="CV piégé.pdf")
    inline = client.get(f"/admin/cvtheque/profils/{profile.pk}/cv/")
    assert_inert(inline, attachment=False)
    assert inline["X-Frame-Options"] == "SAMEORIGIN"  # the profile page frames it
    assert_inert(client.get(f"/admin/cvtheque/profils/{profile.pk}/cv/telecharger/"), attachment=True)
    kinds = list(ProfileAccess.objects.filter(profile=profile).order_by("pk").values_list("kind", flat=True))
    assert kinds == [AccessKind.CV_VIEW, AccessKind.CV_DOWNLOAD]


def test_matching_cv_downloads_with_telecharger_and_logs_it(client, recruiter):
    profile = with_cv(CandidateProfileFactory(), PDF_WITH_SCRIPT)
    assert_inert(client.get(f"/admin/matching/profil/{profile.pk}/cv/"), attachment=False)
    assert_inert(client.get(f"/admin/matching/profil/{profile.pk}/cv/", {"telecharger": "1"}), attachment=True)
    kinds = list(ProfileAccess.objects.filter(profile=profile).order_by("pk").values_list("kind", flat=True))
    assert kinds == [AccessKind.CV_VIEW, AccessKind.CV_DOWNLOAD]
    page = client.get(f"/admin/matching/profil/{profile.pk}/").content.decode()
    assert f"/admin/matching/profil/{profile.pk}/cv/?telecharger=1" in page and "Télécharger le CV" in page


def test_a_word_cv_is_never_inline(client, recruiter):
    profile = with_cv(CandidateProfileFactory(), docx_bytes("Camille"), "docx", "cv.docx")
    response = client.get(f"/admin/matching/profil/{profile.pk}/cv/")
    assert_inert(response, attachment=True)
    assert "wordprocessingml" in response["Content-Type"]


def test_application_cv_inline_in_the_detail_page_and_downloadable(client, recruiter):
    application = ApplicationFactory(offer=JobOfferFactory(company=recruiter.company))
    url = f"/admin/recruteur/candidatures/{application.pk}/cv/"
    inline = client.get(url)
    assert_inert(inline, attachment=False)
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert_inert(client.get(url, {"telecharger": "1"}), attachment=True)
    detail = client.get(f"/admin/recruteur/candidatures/{application.pk}/").content.decode()
    assert f"{url}?telecharger=1" in detail and "Télécharger le CV" in detail


def test_candidate_own_cv_download_is_inert(client):
    user = CandidateUserFactory(email_confirmed_at=timezone.now())
    profile = with_cv(CandidateProfileFactory(user=user), pdf_bytes("Camille Martin"), name="mon-cv.pdf")
    client.force_login(profile.user)
    assert_inert(client.get("/espace-candidat/profil/cv/telecharger/"), attachment=True)


def test_recorded_answer_video_is_sandboxed(client, recruiter, monkeypatch):
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
    campaign = InterviewCampaignFactory(company=recruiter.company)
    question = InterviewQuestionFactory(campaign=campaign, order=1, text="Présentez-vous.")
    application = ApplicationFactory(offer=JobOfferFactory(company=recruiter.company, published=True))
    invitation = interview_invite(application=application, campaign=campaign, invited_by=recruiter.user)
    answer = interview_answer_upload(invitation=invitation, question=question, attempt=1,
                                     file=SimpleUploadedFile("r.webm", WEBM, content_type="video/webm"))[0]
    response = client.get(f"/admin/recruteur/visiotalent/reponses/{answer.pk}/video/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == SANDBOX and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "video/webm"
    ranged = client.get(f"/admin/recruteur/visiotalent/reponses/{answer.pk}/video/", HTTP_RANGE="bytes=0-9")
    assert ranged.status_code == 206 and ranged["Content-Security-Policy"] == SANDBOX
