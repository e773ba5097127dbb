"""Visiotalent: campaigns and scoping, invitations and e-mails, the candidate's token link, uploads,
completion, range requests on videos, file deletion."""

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import timezone

from recruiters.choices import ApplicationEventKind, InvitationStatus
from recruiters.models import InterviewAnswer, InterviewCampaign, InterviewInvitation, InterviewQuestion
from recruiters.visiotalent.selectors import open_interviews_by_application
from recruiters.visiotalent.services import (
    interview_answer_upload,
    interview_complete,
    interview_invitations_expire,
    interview_invite,
    interview_invite_bulk,
    interview_invite_for_new_application,
)
from recruiters.visiotalent.streaming import parse_range
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    InterviewCampaignFactory,
    InterviewQuestionFactory,
    JobOfferFactory,
    ModeratorFactory,
    RecruiterFactory,
)

from .mail import assert_text_and_html, link_in

pytestmark = pytest.mark.django_db
LIST = "/admin/recruteur/visiotalent/"

# Minimal headers the content sniffer recognises (EBML + "webm" doctype; ISO BMFF ftyp boxes; Ogg).
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm" + bytes(
    range(256)) * 8
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 512
MOV = b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  " + b"\x00" * 512
OGG = b"OggS\x00\x02" + b"\x00" * 512


def video(data=WEBM, name="reponse.webm"):
    return SimpleUploadedFile(name, data, content_type="video/webm")


@pytest.fixture(autouse=True)
def immediate_on_commit(request, monkeypatch):
    """E-mails and file deletions wait for the commit; tests run inside one transaction, so run them at once
    (except where a test checks the rollback itself)."""
    if "real_on_commit" in request.fixturenames:
        return
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def recruiter(client):
    recruiter = RecruiterFactory()
    client.force_login(recruiter.user)
    return recruiter


@pytest.fixture
def campaign(recruiter):
    campaign = InterviewCampaignFactory(company=recruiter.company, retries_allowed=1)
    InterviewQuestionFactory(campaign=campaign, order=1, text="Présentez-vous.")
    InterviewQuestionFactory(campaign=campaign, order=2, text="Pourquoi ce poste ?")
    return campaign


@pytest.fixture
def application(recruiter):
    return ApplicationFactory(offer=JobOfferFactory(company=recruiter.company, published=True))


@pytest.fixture
def invitation(client, application, campaign, recruiter):
    invitation = interview_invite(application=application, campaign=campaign, invited_by=recruiter.user)
    mail.outbox.clear()
    client.logout()  # from here on, the client is the candidate's browser following the link
    return invitation


def questions(campaign):
    return list(campaign.questions.order_by("order"))


def record_path(invitation):
    return f"/espace-recruteur/entretien-video/{invitation.token}/"


def upload_path(invitation, question):
    return f"{record_path(invitation)}questions/{question.pk}/"


def answer_all(invitation):
    return [interview_answer_upload(invitation=invitation, question=q, attempt=1, file=video())[0]
            for q in questions(invitation.campaign)]


# --- Campaigns: CRUD and scoping ----------------------------------------------------------------------------

def campaign_post(name="Commercial terrain", rows=(("Parlez-nous d'une vente difficile.", 20, 60),), **extra):
    data = {"name": name, "introduction": "", "deadline_days": "7", "deadline_date": "", "retries_allowed": "1",
            "active": "on", "q-TOTAL_FORMS": str(len(rows) + 1), "q-INITIAL_FORMS": "0", "q-MIN_NUM_FORMS": "0",
            "q-MAX_NUM_FORMS": "30"}
    for i, (text, prep, length) in enumerate(rows):
        data |= {f"q-{i}-text": text, f"q-{i}-preparation_seconds": str(prep), f"q-{i}-max_answer_seconds": str(length)}
    data |= {f"q-{len(rows)}-text": "", f"q-{len(rows)}-preparation_seconds": "", f"q-{len(rows)}-max_answer_seconds": ""}
    return data | extra


def test_recruiter_creates_edits_and_deletes_a_campaign(client, recruiter):
    response = client.post(f"{LIST}campagnes/nouvelle/", campaign_post(rows=(("Q1", 10, 30), ("Q2", 0, 45))))
    assert response.status_code == 302
    campaign = InterviewCampaign.objects.get()
    assert campaign.company == recruiter.company and campaign.created_by == recruiter.user
    assert [(q.order, q.text, q.preparation_seconds, q.max_answer_seconds) for q in questions(campaign)] == [
        (1, "Q1", 10, 30), (2, "Q2", 0, 45)]
    page = client.get(LIST).content.decode()
    assert "Commercial terrain" in page

    first, second = questions(campaign)
    data = campaign_post(name="Commercial sédentaire", rows=(("Q2 revue", 5, 40),))
    data |= {"q-0-id": str(second.pk), "q-TOTAL_FORMS": "2", "q-1-id": str(first.pk), "q-1-text": "Q1",
             "q-1-preparation_seconds": "10", "q-1-max_answer_seconds": "30", "q-1-DELETE": "on"}
    assert client.post(f"{LIST}campagnes/{campaign.pk}/modifier/", data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.name == "Commercial sédentaire"
    assert [(q.pk, q.text, q.order) for q in questions(campaign)] == [(second.pk, "Q2 revue", 1)]

    assert client.post(f"{LIST}campagnes/{campaign.pk}/supprimer/").status_code == 302
    assert not InterviewCampaign.objects.exists()


@pytest.mark.parametrize(("data", "message"), [
    (campaign_post(rows=()), "Ajoutez au moins une question"),
    (campaign_post(name=""), "Champ requis"),
    (campaign_post(deadline_days=""), "Indiquez un délai de réponse"),
    (campaign_post(rows=(("Q", 10, 5),)), "supérieure ou égale à 10"),
    (campaign_post(retries_allowed="9"), "inférieure ou égale à 5"),
])
def test_bad_campaign_input_is_refused_in_french(client, recruiter, data, message):
    response = client.post(f"{LIST}campagnes/nouvelle/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not InterviewCampaign.objects.exists() and not InterviewQuestion.objects.exists()


def test_settings_menu_has_the_real_visiotalent_entry(client, recruiter):
    from recruiters.wagtail_hooks import ComingSoonMenuItem, register_recruiter_settings_menu

    [item] = [i for i in register_recruiter_settings_menu().menu.registered_menu_items if i.name == "visiotalent"]
    assert item.url == LIST and not isinstance(item, ComingSoonMenuItem)
    assert LIST in client.get("/admin/").content.decode().replace("\\u002F", "/")


def test_another_companys_campaign_answers_404(client, recruiter):
    foreign = InterviewCampaignFactory()
    InterviewQuestionFactory(campaign=foreign)
    for url in (f"{LIST}campagnes/{foreign.pk}/", f"{LIST}campagnes/{foreign.pk}/modifier/"):
        assert client.get(url).status_code == 404
    assert client.post(f"{LIST}campagnes/{foreign.pk}/modifier/", campaign_post()).status_code == 404
    assert client.post(f"{LIST}campagnes/{foreign.pk}/supprimer/").status_code == 404
    assert InterviewCampaign.objects.filter(pk=foreign.pk, name=foreign.name).exists()
    assert foreign.name not in client.get(LIST).content.decode()


def test_catalogue_is_usable_but_read_only_for_recruiters(client, recruiter, application):
    catalogue = InterviewCampaignFactory(company=None, name="Catalogue : accueil")
    InterviewQuestionFactory(campaign=catalogue)
    page = client.get(LIST).content.decode()
    assert "Catalogue : accueil" in page
    assert client.get(f"{LIST}campagnes/{catalogue.pk}/").status_code == 200
    assert client.get(f"{LIST}campagnes/{catalogue.pk}/modifier/").status_code == 404
    assert client.post(f"{LIST}campagnes/{catalogue.pk}/supprimer/").status_code == 404
    assert InterviewCampaign.objects.filter(pk=catalogue.pk).exists()
    # ... and usable: invite an applicant with it.
    response = client.post(f"{LIST}candidatures/{application.pk}/", {"campaign": catalogue.pk})
    assert response.status_code == 302
    assert InterviewInvitation.objects.filter(application=application, campaign=catalogue).exists()


def test_staff_edit_the_catalogue(client, db):
    staff = ModeratorFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.post(f"{LIST}campagnes/nouvelle/", campaign_post(name="Catalogue commun")).status_code == 302
    assert InterviewCampaign.objects.get().company is None


def test_candidates_and_anonymous_are_kept_out(client, campaign):
    client.logout()
    assert client.get(LIST).status_code == 302
    client.force_login(CandidateProfileFactory().user)
    assert client.get(LIST).status_code in (302, 403)


def test_campaign_list_query_count(client, recruiter, django_assert_max_num_queries):
    for _ in range(5):
        InterviewQuestionFactory(campaign=InterviewCampaignFactory(company=recruiter.company))
    InterviewQuestionFactory(campaign=InterviewCampaignFactory(company=None))
    client.get(LIST)
    with django_assert_max_num_queries(20):
        assert client.get(LIST).status_code == 200


# --- Invitations --------------------------------------------------------------------------------------------

def test_invitation_email_has_the_personal_link_and_deadline(application, campaign, recruiter):
    invitation = interview_invite(application=application, campaign=campaign, invited_by=recruiter.user)
    [message] = mail.outbox
    assert message.to == [application.candidate.user.email]
    assert recruiter.company.name in message.subject
    assert_text_and_html(message)
    assert link_in(message, "/entretien-video/") == record_path(invitation)
    assert invitation.deadline.date() == (timezone.now() + timedelta(days=7)).date()
    assert invitation.deadline.strftime("%Y") in message.body
    assert application.events.filter(kind=ApplicationEventKind.INVITED).count() == 1

    again = interview_invite(application=application, campaign=campaign, invited_by=recruiter.user)
    assert again.pk == invitation.pk and len(mail.outbox) == 1 and InterviewInvitation.objects.count() == 1


def test_deadline_date_caps_the_delay(application, campaign):
    campaign.deadline_date = timezone.localdate() + timedelta(days=2)
    campaign.save()
    invitation = interview_invite(application=application, campaign=campaign)
    assert timezone.localtime(invitation.deadline).date() == campaign.deadline_date


def test_bulk_invitation_skips_already_invited_and_refuses_foreign_campaign(recruiter, campaign):
    applications = [ApplicationFactory(offer=JobOfferFactory(company=recruiter.company, published=True))
                    for _ in range(3)]
    interview_invite(application=applications[0], campaign=campaign)
    mail.outbox.clear()
    created, refused = interview_invite_bulk(applications=applications, campaign=campaign, invited_by=recruiter.user)
    assert len(created) == 2 and refused == [] and len(mail.outbox) == 2
    foreign = InterviewCampaignFactory()
    InterviewQuestionFactory(campaign=foreign)
    created, refused = interview_invite_bulk(applications=applications[:1], campaign=foreign)
    assert created == [] and "n'est pas disponible" in refused[0]


def test_unusable_campaigns_are_refused(application, campaign):
    from django.core.exceptions import ValidationError

    empty = InterviewCampaignFactory(company=campaign.company)
    with pytest.raises(ValidationError, match="aucune question"):
        interview_invite(application=application, campaign=empty)
    campaign.active = False
    campaign.save()
    with pytest.raises(ValidationError, match="désactivée"):
        interview_invite(application=application, campaign=campaign)
    assert not InterviewInvitation.objects.exists() and not mail.outbox


def test_new_application_to_an_offer_with_a_campaign_is_invited(recruiter, campaign):
    offer = JobOfferFactory(company=recruiter.company, published=True, campaign=campaign)
    application = ApplicationFactory(offer=offer)
    invitation = interview_invite_for_new_application(application=application)
    assert invitation.campaign == campaign and invitation.invited_by is None
    assert interview_invite_for_new_application(application=ApplicationFactory(offer=JobOfferFactory(
        company=recruiter.company, published=True))) is None


def test_recruiter_invites_from_the_application_page_and_foreign_application_is_404(client, recruiter, application,
                                                                                      campaign):
    page = client.get(f"{LIST}candidatures/{application.pk}/")
    assert page.status_code == 200
    assert f'href="/admin/recruteur/candidatures/{application.pk}/">← Retour à la candidature' in page.content.decode()
    assert client.post(f"{LIST}candidatures/{application.pk}/", {"campaign": campaign.pk}).status_code == 302
    assert len(mail.outbox) == 1
    foreign = ApplicationFactory()
    assert client.get(f"{LIST}candidatures/{foreign.pk}/").status_code == 404
    assert client.post(f"{LIST}candidatures/{foreign.pk}/", {"campaign": campaign.pk}).status_code == 404
    # Another company's campaign is not a choice.
    other = InterviewCampaignFactory()
    InterviewQuestionFactory(campaign=other)
    response = client.post(f"{LIST}candidatures/{application.pk}/", {"campaign": other.pk})
    assert response.status_code == 400 and not InterviewInvitation.objects.filter(campaign=other).exists()


# --- The candidate's link -----------------------------------------------------------------------------------

def test_record_page_by_token_shows_questions_as_text(client, invitation):
    response = client.get(record_path(invitation))
    assert response.status_code == 200
    page = response.content.decode()
    config = json.loads(re.search(r'<script id="vt-config" type="application/json">(.*?)</script>', page).group(1))
    assert [q["text"] for q in config["questions"]] == ["Présentez-vous.", "Pourquoi ce poste ?"]
    assert config["maxAttempts"] == 2 and config["completeUrl"] == f"{record_path(invitation)}terminer/"
    assert invitation.application.company.name in page
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.IN_PROGRESS and invitation.started_at


def test_token_misuse_answers_clear_4xx(client, invitation, campaign):
    q = questions(campaign)[0]
    assert client.get("/espace-recruteur/entretien-video/pas-un-jeton/").status_code == 404
    assert client.post("/espace-recruteur/entretien-video/pas-un-jeton/terminer/").status_code == 404

    client.force_login(CandidateProfileFactory().user)  # someone else's account
    response = client.get(record_path(invitation))
    assert response.status_code == 403 and "personnel" in response.content.decode()
    assert client.post(upload_path(invitation, q), {"attempt": "1", "video": video()}).status_code == 403
    client.logout()

    client.force_login(invitation.application.candidate.user)  # the candidate themself is welcome
    assert client.get(record_path(invitation)).status_code == 200

    other_question = InterviewQuestionFactory()
    assert client.post(upload_path(invitation, other_question), {"attempt": "1", "video": video()}).status_code == 404
    assert not InterviewAnswer.objects.exists()


def test_expired_invitation_is_gone(client, invitation, campaign):
    InterviewInvitation.objects.filter(pk=invitation.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    response = client.get(record_path(invitation))
    assert response.status_code == 410 and "délai" in response.content.decode().lower()
    response = client.post(upload_path(invitation, questions(campaign)[0]), {"attempt": "1", "video": video()})
    assert response.status_code == 410
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.EXPIRED and not InterviewAnswer.objects.exists()


def test_expiry_job_marks_late_invitations(invitation):
    assert interview_invitations_expire(now=timezone.now() + timedelta(days=8)) == 1
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.EXPIRED


def test_completed_invitation_cannot_be_reused(client, invitation, campaign):
    answer_all(invitation)
    interview_complete(invitation=invitation)
    response = client.get(record_path(invitation))
    assert response.status_code == 410 and "déjà terminé" in response.content.decode()
    response = client.post(upload_path(invitation, questions(campaign)[0]), {"attempt": "2", "video": video()})
    assert response.status_code == 410 and InterviewAnswer.objects.count() == 2


# --- Uploads ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "mime"), [(WEBM, "video/webm"), (MP4, "video/mp4"), (MOV, "video/quicktime"),
                                            (OGG, "video/ogg")])
def test_upload_accepts_real_video_containers(client, invitation, campaign, data, mime):
    q = questions(campaign)[0]
    response = client.post(upload_path(invitation, q), {"attempt": "1", "video": video(data), "duration": "12.5"})
    assert response.status_code == 201, response.content
    answer = InterviewAnswer.objects.get()
    assert (answer.mime_type, answer.size, answer.attempt, answer.duration_seconds) == (mime, len(data), 1, 12.5)
    with answer.video.open("rb") as handle:
        assert handle.read() == data


@pytest.mark.parametrize("data", [b"%PDF-1.7 not a video" + b"\x00" * 300, b"<html>" * 100,
                                  b"\x1a\x45\xdf\xa3" + b"\x42\x82\x88matroska" + b"\x00" * 300])
def test_upload_refuses_what_is_not_an_accepted_video(client, invitation, campaign, data):
    response = client.post(upload_path(invitation, questions(campaign)[0]),
                           {"attempt": "1", "video": video(data, "reponse.webm")})
    assert response.status_code == 400
    assert "n'est pas une vidéo reconnue" in response.json()["error"]
    assert not InterviewAnswer.objects.exists()


def test_upload_bad_requests(client, invitation, campaign):
    path = upload_path(invitation, questions(campaign)[0])
    assert client.post(path, {"attempt": "1"}).status_code == 400
    assert client.post(path, {"attempt": "x", "video": video()}).status_code == 400
    assert client.post(path, {"attempt": "0", "video": video()}).status_code == 400
    assert client.post(path, {"attempt": "1", "video": video(b"")}).status_code == 400
    assert client.get(path).status_code == 405
    assert not InterviewAnswer.objects.exists()


@override_settings(VISIOTALENT_MAX_VIDEO_BYTES=1024)
def test_upload_too_big_is_413(client, invitation, campaign):
    response = client.post(upload_path(invitation, questions(campaign)[0]), {"attempt": "1", "video": video()})
    assert response.status_code == 413 and "taille maximale" in response.json()["error"]
    assert not InterviewAnswer.objects.exists()


@override_settings(VISIOTALENT_MAX_VIDEO_BYTES=1024)
def test_upload_far_too_big_is_refused_before_reading(client, invitation, campaign):
    big = WEBM + b"\x00" * (2 * 1024 * 1024)
    response = client.post(upload_path(invitation, questions(campaign)[0]), {"attempt": "1", "video": video(big)})
    assert response.status_code == 413 and "taille maximale" in response.json()["error"]
    assert not InterviewAnswer.objects.exists()


def test_retries_are_limited_and_reupload_is_idempotent(client, invitation, campaign):
    path = upload_path(invitation, questions(campaign)[0])
    first = client.post(path, {"attempt": "1", "video": video()})
    assert first.status_code == 201
    again = client.post(path, {"attempt": "1", "video": video()})  # the acknowledgement was lost
    assert again.status_code == 200 and again.json()["answer"] == first.json()["answer"]
    assert client.post(path, {"attempt": "2", "video": video()}).status_code == 201  # retries_allowed=1
    response = client.post(path, {"attempt": "3", "video": video()})
    assert response.status_code == 409 and "toutes les tentatives" in response.json()["error"]
    assert InterviewAnswer.objects.count() == 2


# --- Completion -----------------------------------------------------------------------------------------------

def test_complete_needs_every_answer_then_emails_the_recruiters(client, invitation, campaign, recruiter):
    colleague = RecruiterFactory(company=recruiter.company)
    path = f"{record_path(invitation)}terminer/"
    first, second = questions(campaign)
    client.post(upload_path(invitation, first), {"attempt": "1", "video": video()})
    response = client.post(path)
    assert response.status_code == 409 and "Il reste une question sans réponse" in response.json()["error"]
    assert not mail.outbox

    client.post(upload_path(invitation, second), {"attempt": "1", "video": video()})
    response = client.post(path)
    assert response.status_code == 200 and "transmises" in response.json()["message"]
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.COMPLETED and invitation.completed_at
    [message] = mail.outbox
    assert set(message.to) == {recruiter.user.email, colleague.user.email}
    assert_text_and_html(message)
    assert campaign.name in message.body
    assert f"/{invitation.application.pk}/" in link_in(message, "/admin/recruteur/")
    assert invitation.application.events.filter(kind=ApplicationEventKind.VIDEO_COMPLETED).count() == 1


# --- Watching: range requests -----------------------------------------------------------------------------

@pytest.fixture
def answer(client, invitation, campaign, recruiter):
    answer = interview_answer_upload(invitation=invitation, question=questions(campaign)[0], attempt=1,
                                     file=video())[0]
    client.force_login(recruiter.user)
    return answer


def video_path(answer):
    return f"{LIST}reponses/{answer.pk}/video/"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_full_and_partial_and_suffix_ranges(client, answer):
    size = len(WEBM)
    full = client.get(video_path(answer))
    assert full.status_code == 200 and body(full) == WEBM
    assert full["Content-Type"] == "video/webm" and full["Accept-Ranges"] == "bytes"
    assert full["Content-Length"] == str(size) and "private" in full["Cache-Control"]

    part = client.get(video_path(answer), HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206 and body(part) == WEBM[10:20]
    assert part["Content-Range"] == f"bytes 10-19/{size}" and part["Content-Length"] == "10"

    open_ended = client.get(video_path(answer), HTTP_RANGE=f"bytes={size - 5}-")
    assert open_ended.status_code == 206 and body(open_ended) == WEBM[-5:]

    suffix = client.get(video_path(answer), HTTP_RANGE="bytes=-100")
    assert suffix.status_code == 206 and body(suffix) == WEBM[-100:]
    assert suffix["Content-Range"] == f"bytes {size - 100}-{size - 1}/{size}"

    beyond = client.get(video_path(answer), HTTP_RANGE=f"bytes=0-{size * 2}")
    assert beyond.status_code == 206 and body(beyond) == WEBM


@pytest.mark.parametrize("header", ["bytes=999999-", "bytes=20-10", "bytes=-0", "bytes=abc", "items=0-10", "bytes=-"])
def test_invalid_ranges_are_416(client, answer, header):
    response = client.get(video_path(answer), HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(WEBM)}"


def test_parse_range_edges():
    assert parse_range("bytes=0-0", 10) == (0, 0)
    assert parse_range("bytes=-20", 10) == (0, 9)
    assert parse_range("bytes=10-", 10) is None


def test_video_of_another_company_is_404_and_anonymous_is_redirected(client, answer):
    client.logout()
    assert client.get(video_path(answer)).status_code == 302
    client.force_login(RecruiterFactory().user)
    assert client.get(video_path(answer)).status_code == 404
    client.force_login(answer.invitation.application.candidate.user)
    assert client.get(video_path(answer)).status_code in (302, 403)


def test_answers_include_lists_playable_answers(client, answer, invitation):
    page = client.get(f"{LIST}candidatures/{invitation.application.pk}/").content.decode()
    assert video_path(answer) in page and "Présentez-vous." in page and "Pas encore de réponse" in page


# --- Deletion -------------------------------------------------------------------------------------------------

def test_videos_are_deleted_with_the_application(django_capture_on_commit_callbacks, answer):
    storage, name = answer.video.storage, answer.video.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        answer.invitation.application.delete()
    assert not storage.exists(name) and not InterviewAnswer.objects.exists()


def test_videos_are_deleted_with_the_candidate_under_retention(django_capture_on_commit_callbacks, answer):
    storage, name = answer.video.storage, answer.video.name
    with django_capture_on_commit_callbacks(execute=True):
        answer.invitation.application.candidate.delete()
    assert not storage.exists(name)


@pytest.fixture
def real_on_commit():
    """Requested by tests that need the real on_commit behaviour."""


def test_file_stays_when_deletion_rolls_back(real_on_commit, answer):
    from django.db import transaction

    storage, name = answer.video.storage, answer.video.name
    with pytest.raises(RuntimeError), transaction.atomic():
        answer.invitation.application.delete()
        raise RuntimeError
    assert storage.exists(name) and InterviewAnswer.objects.filter(pk=answer.pk).exists()



def test_expiry_command(invitation):
    InterviewInvitation.objects.filter(pk=invitation.pk).update(deadline=timezone.now() - timedelta(hours=1))
    out = StringIO()
    call_command("expire_interview_invitations", stdout=out)
    assert "1 interview invitation(s) expired" in out.getvalue()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.EXPIRED


def test_bulk_invite_view_invites_only_own_applications(client, recruiter, campaign):
    own = [ApplicationFactory(offer=JobOfferFactory(company=recruiter.company, published=True)) for _ in range(2)]
    foreign = ApplicationFactory()
    interview_invite(application=own[0], campaign=campaign)
    mail.outbox.clear()
    response = client.post(f"{LIST}inviter/", {
        "campaign": campaign.pk, "applications": [own[0].pk, own[1].pk, foreign.pk, "x"],
        "next": "/admin/recruteur/candidatures/?statut=new",
    })
    assert response.status_code == 302 and response["Location"] == "/admin/recruteur/candidatures/?statut=new"
    assert set(InterviewInvitation.objects.values_list("application_id", flat=True)) == {own[0].pk, own[1].pk}
    assert [m.to for m in mail.outbox] == [[own[1].candidate.user.email]]


def test_bulk_invite_view_refuses_foreign_campaign_and_empty_selection(client, recruiter, application):
    foreign = InterviewCampaignFactory()
    InterviewQuestionFactory(campaign=foreign)
    response = client.post(f"{LIST}inviter/", {"campaign": foreign.pk, "applications": [application.pk],
                                               "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/admin/recruteur/candidatures/"
    own = InterviewCampaignFactory(company=recruiter.company)
    InterviewQuestionFactory(campaign=own)
    assert client.post(f"{LIST}inviter/", {"campaign": own.pk, "applications": []}).status_code == 302
    assert not InterviewInvitation.objects.exists() and not mail.outbox


def test_open_interviews_for_the_candidate_space(invitation, campaign, django_assert_num_queries):
    candidate = invitation.application.candidate
    other_application = ApplicationFactory()
    other_campaign = InterviewCampaignFactory(company=other_application.company)
    InterviewQuestionFactory(campaign=other_campaign)
    other = interview_invite(application=other_application, campaign=other_campaign)
    assert other.application.candidate != candidate
    with django_assert_num_queries(1):
        rows = open_interviews_by_application(candidate)
    assert rows == {invitation.application_id: [invitation]}
    html = render_to_string("recruiters/visiotalent/_candidate_interviews.html",
                            {"interviews": rows[invitation.application_id]})
    assert record_path(invitation) in html and other.token not in html
    answer_all(invitation)
    interview_complete(invitation=invitation)
    assert open_interviews_by_application(candidate) == {}


def test_candidate_sees_the_recording_link_in_mes_candidatures(client, invitation):
    user = invitation.application.candidate.user
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email_confirmed_at"])
    client.force_login(user)
    response = client.get("/offres/mes-candidatures/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enregistrer l'entretien vidéo" in html
    assert record_path(invitation) in html

    # Completed invitations leave the list.
    answer_all(invitation)
    interview_complete(invitation=invitation)
    html = client.get("/offres/mes-candidatures/").content.decode()
    assert record_path(invitation) not in html


def test_mes_candidatures_invites_the_ticked_applications(client, recruiter, campaign, application):
    foreign = ApplicationFactory(offer=JobOfferFactory(published=True))
    html = client.get("/admin/recruteur/candidatures/").content.decode()
    assert "Inviter à un entretien vidéo" in html and campaign.name in html

    response = client.post(
        "/admin/recruteur/visiotalent/inviter/",
        {"select": [application.pk, foreign.pk], "campaign": campaign.pk, "next": "/admin/recruteur/candidatures/"},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/recruteur/candidatures/"
    assert application.interview_invitations.count() == 1
    assert foreign.interview_invitations.count() == 0
