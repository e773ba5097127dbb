"""Visiotalent in headless Chromium with the fake camera: the candidate records every answer from the
invitation link, completes, and the recruiter streams the answers. Skipped when Chromium is missing."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from cms.services import site_ensure
from recruiters.choices import InvitationStatus
from recruiters.models import InterviewAnswer
from recruiters.visiotalent.services import interview_invite
from tests.cms.test_accessibility import axe_violations
from tests.factories import (
    ApplicationFactory,
    InterviewCampaignFactory,
    InterviewQuestionFactory,
    JobOfferFactory,
    RecruiterFactory,
)

from .test_visiotalent import WEBM

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp"


def link_path(fragment: str) -> str:
    for message in reversed(mail.outbox):
        match = re.search(r"https?://[^/\s]+(\S*" + re.escape(fragment) + r"\S*)", message.body)
        if match:
            return match.group(1)
    raise AssertionError(f"no e-mail with a link to {fragment}")


def test_candidate_records_every_answer_and_recruiter_streams_them(live_server, page):
    site_ensure()
    recruiter = RecruiterFactory()
    campaign = InterviewCampaignFactory(company=recruiter.company, name="Entretien maintenance", retries_allowed=1)
    InterviewQuestionFactory(campaign=campaign, order=1, text="Présentez-vous en quelques mots.",
                             preparation_seconds=1, max_answer_seconds=10)
    InterviewQuestionFactory(campaign=campaign, order=2, text="Racontez une panne que vous avez résolue.",
                             preparation_seconds=0, max_answer_seconds=10)
    application = ApplicationFactory(offer=JobOfferFactory(company=recruiter.company, published=True))
    invitation = interview_invite(application=application, campaign=campaign, invited_by=recruiter.user)
    base = live_server.url

    page.goto(base + link_path("/entretien-video/"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Entretien vidéo")
    page.get_by_role("button", name="Activer la caméra et le micro").click()
    page.wait_for_function("document.getElementById('vt-preview').videoWidth > 0")
    status = page.locator("#vt-status")
    assert "Caméra et micro activés" in status.inner_text()
    page.screenshot(path=f"{SHOTS}/visiotalent-1-camera.png", full_page=True)

    # Question 1: preparation (question shown as text), then recording, stopped by keyboard.
    page.get_by_role("button", name="Afficher la question et commencer la préparation").click()
    assert page.locator("#vt-question-text").inner_text() == "Présentez-vous en quelques mots."
    stop = page.get_by_role("button", name="Arrêter l'enregistrement")
    stop.wait_for(state="visible")
    assert "Enregistrement en cours" in status.inner_text()
    page.wait_for_timeout(2500)
    page.screenshot(path=f"{SHOTS}/visiotalent-2-recording.png", full_page=True)
    stop.focus()
    page.keyboard.press("Enter")
    page.locator("#vt-uploads li.vt-ok").first.wait_for()

    # A retry is offered (one allowed); use it, then go on.
    retry = page.get_by_role("button", name=re.compile("Recommencer cette question"))
    assert retry.is_visible()
    retry.click()
    stop.wait_for(state="visible")
    page.wait_for_timeout(1500)
    stop.click()
    page.wait_for_function("document.querySelectorAll('#vt-uploads li.vt-ok').length === 2")
    assert not page.get_by_role("button", name=re.compile("Recommencer cette question")).is_visible()
    page.get_by_role("button", name="Question suivante").click()

    # Question 2: no preparation, recording starts at once.
    assert page.locator("#vt-question-text").inner_text() != ""
    page.get_by_role("button", name="Afficher la question et commencer la préparation").click()
    stop.wait_for(state="visible")
    assert page.locator("#vt-question-text").inner_text() == "Racontez une panne que vous avez résolue."
    page.wait_for_timeout(2000)
    stop.click()
    page.wait_for_function("document.querySelectorAll('#vt-uploads li.vt-ok').length === 3")
    page.get_by_role("button", name="J'ai répondu à toutes les questions").click()
    finish = page.get_by_role("button", name="Terminer et transmettre mes réponses")
    finish.wait_for(state="visible")
    page.screenshot(path=f"{SHOTS}/visiotalent-3-before-finish.png", full_page=True)
    finish.click()
    done = page.locator("#vt-done")
    done.wait_for(state="visible")
    assert "transmises" in done.inner_text()
    page.screenshot(path=f"{SHOTS}/visiotalent-4-done.png", full_page=True)

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.COMPLETED
    answers = list(InterviewAnswer.objects.filter(invitation=invitation).order_by("question__order", "attempt"))
    assert [(a.question.order, a.attempt) for a in answers] == [(1, 1), (1, 2), (2, 1)]
    assert all(a.mime_type == "video/webm" and a.size > 1000 for a in answers)
    assert any(recruiter.user.email in m.to and "Entretien vidéo terminé" in m.subject for m in mail.outbox)

    # Reopening the link now says it is done.
    page.goto(base + link_path("/entretien-video/"))
    assert "déjà terminé" in page.content()

    # The recruiter watches: the answers page plays the latest attempts, streamed with ranges.
    client = Client()
    client.force_login(recruiter.user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": base}])
    page.goto(f"{base}/admin/recruteur/visiotalent/candidatures/{application.pk}/")
    videos = page.locator("video")
    assert videos.count() == 2
    page.wait_for_function("Array.from(document.querySelectorAll('video')).every(v => v.readyState >= 1)")
    page.screenshot(path=f"{SHOTS}/visiotalent-5-recruiter.png", full_page=True)
    src = videos.first.get_attribute("src")
    assert src.endswith(f"/reponses/{answers[1].pk}/video/")
    response = page.request.get(base + src, headers={"Range": "bytes=0-99"})
    assert response.status == 206
    assert response.headers["content-range"] == f"bytes 0-99/{answers[1].size}"
    assert response.headers["content-type"] == "video/webm" and len(response.body()) == 100


def test_without_camera_the_candidate_sends_files(live_server, page):
    """Camera permission denied: the page says so and offers a file per question; no serious axe violation."""
    site_ensure()
    recruiter = RecruiterFactory()
    campaign = InterviewCampaignFactory(company=recruiter.company, retries_allowed=0)
    for order in (1, 2):
        InterviewQuestionFactory(campaign=campaign, order=order, text=f"Question écrite numéro {order}.")
    application = ApplicationFactory(offer=JobOfferFactory(company=recruiter.company, published=True))
    invitation = interview_invite(application=application, campaign=campaign, invited_by=recruiter.user)
    page.add_init_script(
        "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refus', 'NotAllowedError'));"
    )
    page.goto(live_server.url + link_path("/entretien-video/"))
    violations = axe_violations(page)
    assert violations == [], violations

    page.get_by_role("button", name="Activer la caméra et le micro").click()
    assert "L'accès à la caméra a été refusé" in page.locator("#vt-status").inner_text()
    # The network drops the first two uploads: the page keeps the file and retries until it gets through.
    failures = {"left": 2}

    def flaky(route):
        if failures["left"]:
            failures["left"] -= 1
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/questions/*/", flaky)
    for order in (1, 2):
        assert page.locator("#vt-question-text").inner_text() == f"Question écrite numéro {order}."
        page.get_by_label(re.compile("Envoyer un fichier vidéo")).set_input_files(
            files=[{"name": "reponse.webm", "mimeType": "video/webm", "buffer": WEBM}])
        page.get_by_role("button", name="Envoyer ce fichier").click()
        if order == 1:
            page.locator("#vt-uploads li.vt-wait", has_text="nouvel essai dans").wait_for()
        page.wait_for_function(f"document.querySelectorAll('#vt-uploads li.vt-ok').length === {order}")
        page.get_by_role("button", name=re.compile("Question suivante|J'ai répondu")).click()
    page.screenshot(path=f"{SHOTS}/visiotalent-6-fallback.png", full_page=True)
    page.get_by_role("button", name="Terminer et transmettre mes réponses").click()
    page.locator("#vt-done").wait_for(state="visible")
    assert not page.locator(".vt-stage").is_visible()
    page.screenshot(path=f"{SHOTS}/visiotalent-7-fallback-done.png", full_page=True)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.COMPLETED
    assert InterviewAnswer.objects.filter(invitation=invitation).count() == 2
    assert failures["left"] == 0


def test_recruiter_builds_a_campaign_in_the_admin(live_server, page):
    site_ensure()
    recruiter = RecruiterFactory()
    catalogue = InterviewCampaignFactory(company=None, name="Catalogue : premier entretien")
    InterviewQuestionFactory(campaign=catalogue)
    client = Client()
    client.force_login(recruiter.user)
    base = live_server.url
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": base}])
    page.goto(f"{base}/admin/recruteur/visiotalent/")
    assert page.get_by_role("link", name="Catalogue : premier entretien").is_visible()
    page.get_by_role("link", name="Nouvelle campagne").click()
    page.get_by_label("Nom").fill("Commercial terrain")
    page.locator("#id_q-0-text").fill("Présentez votre dernière réussite commerciale.")
    page.locator("#id_q-0-max_answer_seconds").fill("90")
    page.locator("#id_q-1-text").fill("Comment organisez-vous vos tournées ?")
    page.screenshot(path=f"{SHOTS}/visiotalent-8-admin-form.png", full_page=True)
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/visiotalent/campagnes/*/")
    assert "Présentez votre dernière réussite commerciale." in page.content()
    page.screenshot(path=f"{SHOTS}/visiotalent-9-admin-detail.png", full_page=True)
    campaign = recruiter.company.interview_campaigns.get()
    assert [(q.order, q.max_answer_seconds) for q in campaign.questions.order_by("order")] == [(1, 90), (2, 120)]
    page.goto(f"{base}/admin/recruteur/visiotalent/")
    page.screenshot(path=f"{SHOTS}/visiotalent-10-admin-list.png", full_page=True)
