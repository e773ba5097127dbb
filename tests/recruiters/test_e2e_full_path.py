"""Issue 6 "done means", in one headless Chromium run with the fake camera: the recruiter builds a Visiotalent
campaign and publishes an offer that uses it, all through the admin; a candidate finds the offer on /offres/
(served by the offer index), applies, is invited, records the answers; the recruiter gets the completion
e-mail, watches the answers (streamed with ranges), moves the application to Entretien and sends the
interview invitation from the template. Screenshots go to /tmp/vivier-path-*.png."""

import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from haystack import connections
from haystack.query import SearchQuerySet

from cms.services import site_ensure
from recruiters.choices import ApplicationStatus, InvitationStatus, OfferStatus
from recruiters.models import Application, InterviewAnswer, InterviewInvitation, JobOffer
from tests.factories import CandidateProfileFactory, CommuneFactory, JobOfferFactory, RecruiterFactory
from tests.factories.accounts import DEFAULT_PASSWORD
from tests.factories.candidates import pdf_bytes

from .mail import link_in, messages_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/vivier-path"


def shot(page, name):
    page.screenshot(path=f"{SHOTS}-{name}.png", full_page=True)


def confirmed_candidate_with_cv():
    profile = CandidateProfileFactory(user__email="lina@example.org", user__first_name="Lina",
                                      user__last_name="Benali")
    profile.user.email_confirmed_at = timezone.now()
    profile.user.save()
    profile.cv_file.save("cv.pdf", ContentFile(pdf_bytes("Lina Benali", "Soudeuse TIG")), save=False)
    profile.cv_original_name = "cv-lina.pdf"
    profile.cv_uploaded_at = timezone.now()
    profile.save()
    return profile


def recruiter_builds_campaign(page):
    page.get_by_role("button", name="Paramètres").click()
    page.get_by_role("link", name="Visiotalent", exact=True).click()
    page.get_by_role("link", name="Nouvelle campagne").click()
    page.get_by_label("Nom").fill("Premier entretien soudure")
    page.locator("#id_retries_allowed").fill("0")
    page.locator("#id_q-0-text").fill("Présentez-vous en quelques mots.")
    page.locator("#id_q-0-preparation_seconds").fill("1")
    page.locator("#id_q-0-max_answer_seconds").fill("10")
    page.locator("#id_q-1-text").fill("Décrivez une soudure difficile que vous avez réussie.")
    page.locator("#id_q-1-preparation_seconds").fill("0")
    page.locator("#id_q-1-max_answer_seconds").fill("10")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/visiotalent/campagnes/*/")


def recruiter_publishes_offer(page):
    page.get_by_role("link", name="Mes offres", exact=True).first.click()
    page.get_by_role("link", name="Créer une offre").click()
    page.get_by_label("Intitulé de l'offre").fill("Soudeur TIG H/F")
    page.locator("#id_description").locator("xpath=..").locator("[contenteditable=true]").first.click()
    page.keyboard.type("Soudure TIG sur inox pour l'agroalimentaire.")
    page.get_by_label("Intitulés de poste").fill("Soudeur")
    page.get_by_label("Type de contrat").select_option("CDI")
    page.get_by_label("Lieu de travail").fill("clermont")
    page.get_by_role("option", name=re.compile("Clermont-Ferrand")).wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.get_by_label("Campagne Visiotalent").select_option(label="Premier entretien soudure")
    shot(page, "1-offer-form")
    page.get_by_role("button", name="Enregistrer et publier").click()
    page.get_by_text("est publiée").wait_for()
    shot(page, "2-offer-published")


def candidate_records(cpage):
    cpage.get_by_role("button", name="Activer la caméra et le micro").click()
    cpage.wait_for_function("document.getElementById('vt-preview').videoWidth > 0")
    stop = cpage.get_by_role("button", name="Arrêter l'enregistrement")
    for number, text in ((1, "Présentez-vous en quelques mots."),
                         (2, "Décrivez une soudure difficile que vous avez réussie.")):
        cpage.get_by_role("button", name="Afficher la question et commencer la préparation").click()
        stop.wait_for(state="visible")
        assert cpage.locator("#vt-question-text").inner_text() == text
        cpage.wait_for_timeout(2000)
        if number == 1:
            shot(cpage, "6-recording")
        stop.click()
        cpage.wait_for_function(f"document.querySelectorAll('#vt-uploads li.vt-ok').length === {number}")
        cpage.get_by_role("button", name=re.compile("Question suivante|J'ai répondu à toutes les questions")).click()
    cpage.get_by_role("button", name="Terminer et transmettre mes réponses").click()
    cpage.locator("#vt-done").wait_for(state="visible")
    shot(cpage, "7-recorded")


def test_offer_with_campaign_from_publication_to_interview_invitation(live_server, browser, page):
    site_ensure()
    connections["offers"].get_backend().clear()
    CommuneFactory()
    recruiter = RecruiterFactory(user__email="rh@volcans.example", user__first_name="Claire",
                                 user__last_name="Roux")
    profile = confirmed_candidate_with_cv()
    base = live_server.url

    # The recruiter signs in, builds a campaign and publishes an offer that uses it.
    page.goto(f"{base}/espace-recruteur/connexion/")
    page.get_by_label("Adresse électronique").fill(recruiter.user.email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/admin/")
    recruiter_builds_campaign(page)
    recruiter_publishes_offer(page)
    offer = JobOffer.objects.get()
    assert offer.status == OfferStatus.PUBLISHED and offer.campaign.name == "Premier entretien soudure"
    # Publishing ran the index task: the offer is a document of the offer index, which /offres/ reads.
    assert [int(hit.pk) for hit in SearchQuerySet(using="offers").all()] == [offer.pk]

    # The candidate finds it on /offres/, applies with the profile CV and is invited at once.
    candidate = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    candidate.set_default_timeout(15_000)
    cpage = candidate.new_page()
    cpage.goto(f"{base}/offres/")
    cpage.get_by_label("Métier, mots-clés").fill("soudure inox")
    cpage.get_by_role("button", name="Rechercher").click()
    shot(cpage, "3-search")
    cpage.get_by_role("link", name="Soudeur TIG H/F").click()
    cpage.get_by_role("link", name="Postuler").click()
    cpage.wait_for_url("**/compte/connexion/**")
    cpage.get_by_label("Adresse électronique").fill(profile.user.email)
    cpage.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    cpage.get_by_role("button", name="Se connecter").click()
    cpage.wait_for_url("**/postuler/")
    cpage.get_by_label("Message au recruteur").fill("Soudeuse depuis huit ans, disponible en janvier.")
    shot(cpage, "4-apply")
    cpage.get_by_role("button", name="Envoyer ma candidature").click()
    cpage.wait_for_url("**/offres/mes-candidatures/")
    shot(cpage, "5-my-applications")
    application = Application.objects.get()
    invitation = InterviewInvitation.objects.get(application=application)
    assert invitation.campaign_id == offer.campaign_id
    invited = [m for m in messages_to(profile.user.email) if "/entretien-video/" in m.body]
    assert len(invited) == 1
    assert link_in(invited[0], "/entretien-video/").endswith(f"/{invitation.token}/")

    # The candidate records both answers from "Mes candidatures" with the fake camera.
    cpage.get_by_role("link", name=re.compile("Enregistrer l'entretien vidéo")).click()
    candidate_records(cpage)
    candidate.close()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.COMPLETED
    answers = list(InterviewAnswer.objects.filter(invitation=invitation).order_by("question__order"))
    assert len(answers) == 2 and all(a.size > 1000 for a in answers)
    done = [m for m in messages_to(recruiter.user.email) if "Entretien vidéo terminé" in m.subject]
    assert len(done) == 1 and "Lina Benali" in done[0].body

    # The recruiter opens the application from "Mes candidatures" and the answers play, streamed by ranges.
    video_statuses = []
    page.on("response", lambda r: "/video/" in r.url and video_statuses.append((r.url, r.status)))
    page.goto(f"{base}/admin/")
    page.get_by_role("link", name="Mes candidatures", exact=True).first.click()
    page.wait_for_url("**/admin/recruteur/candidatures/")
    shot(page, "8-applications")
    page.get_by_role("link", name="Lina Benali").click()
    page.wait_for_url(f"**/admin/recruteur/candidatures/{application.pk}/")
    videos = page.locator("video")
    videos.first.wait_for()
    assert videos.count() == 2
    page.wait_for_function(
        "Array.from(document.querySelectorAll('video')).every(v => v.readyState >= 1 && v.duration > 0)"
    )
    # It really plays: the playhead moves (recorded WebM has no duration header, so it reads Infinity).
    videos.first.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function("document.querySelector('video').currentTime > 0.5")
    videos.first.scroll_into_view_if_needed()
    shot(page, "9-answers")
    sources = {f"{base}/admin/recruteur/visiotalent/reponses/{a.pk}/video/" for a in answers}
    assert {url for url, _ in video_statuses} == sources
    assert {status for _, status in video_statuses} == {206}

    # Entretien, then the interview invitation from the company's template.
    page.locator('[data-form="recruiter-application-status"]').get_by_label("Statut").select_option("interview")
    page.get_by_role("button", name="Changer le statut", exact=True).click()
    page.get_by_text("Statut mis à jour").wait_for()
    page.get_by_label("Modèle").select_option("interview")
    page.get_by_role("button", name="Préparer").click()
    assert "Soudeur TIG H/F" in page.locator("#id_body").input_value()
    page.get_by_role("button", name="Envoyer l'e-mail").click()
    page.get_by_text("E-mail envoyé à").wait_for()
    shot(page, "10-interview-sent")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEW and application.seen_at is not None
    sent = [m for m in messages_to(profile.user.email) if "proposition d'entretien" in m.subject]
    assert len(sent) == 1
    assert recruiter.company.name in sent[0].subject
    assert "Bonjour Lina" in sent[0].body and "« Soudeur TIG H/F »" in sent[0].body
    assert sent[0].reply_to == [recruiter.user.email]


def test_a_visitor_creates_an_account_on_the_way_and_lands_on_the_apply_form(live_server, page):
    site_ensure()
    offer = JobOfferFactory(published=True, title="Chaudronnier H/F")
    base = live_server.url
    page.goto(f"{base}/offres/{offer.slug}/")
    page.get_by_role("link", name="Postuler").click()
    page.wait_for_url("**/compte/connexion/**")
    page.get_by_role("link", name="Créer mon compte").click()
    page.get_by_label("Prénom").fill("Inès")
    page.locator("#id_last_name").fill("Morel")
    page.get_by_label("Adresse électronique").fill("ines.morel@exemple.fr")
    page.get_by_label("Mot de passe").fill("Volcans-Auvergne-2026!")
    page.get_by_label("J'ai lu comment mes données personnelles sont utilisées").check()
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/inscription/envoyee/")
    (confirmation,) = messages_to("ines.morel@exemple.fr")
    page.goto(base + link_in(confirmation, "/compte/confirmer/"))
    page.get_by_role("button", name="Confirmer mon adresse").click()
    page.wait_for_url(f"**/offres/{offer.slug}/postuler/")
    assert page.get_by_role("button", name="Envoyer ma candidature").is_visible()
    assert "vous êtes connecté" in page.content()
    shot(page, "11-signed-up-apply")
