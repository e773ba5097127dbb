"""Visiotalent forms typed in Chromium: a campaign created with bad then good input (questions added with
the button, a deadline typed in the date box), edited without losing its date, deleted; a candidate
invited from an application."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from cms.services import site_ensure
from recruiters.choices import InvitationStatus
from recruiters.models import InterviewCampaign, InterviewInvitation
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    InterviewCampaignFactory,
    InterviewQuestionFactory,
    JobOfferFactory,
    RecruiterFactory,
)

from .onboarding_browser import expect_error_at, flash, log_in, shot, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def type_date(box, day: datetime.date) -> None:
    """Type a date in a date box with the keyboard, in the order the browser shows its parts (day first
    in French, month first in Chromium's default English), found by typing a probe date first."""
    box.focus()
    box.press_sequentially("01022000", delay=20)
    month_first = box.input_value() == "2000-01-02"
    box.fill("")
    box.blur()
    box.focus()
    box.press_sequentially(day.strftime("%m%d%Y" if month_first else "%d%m%Y"), delay=30)
    expect(box).to_have_value(day.isoformat())


@pytest.mark.forms("visiotalent-campaign", "visiotalent-campaign-delete")
@pytest.mark.forms_bad_input("visiotalent-campaign")
def test_create_edit_and_delete_a_campaign(live_server, page):
    site_ensure()
    recruiter = RecruiterFactory(company__name="Ateliers des Volcans")
    base = live_server.url
    log_in(page, live_server, recruiter.user)
    page.goto(f"{base}/admin/recruteur/visiotalent/")
    page.get_by_role("link", name="Nouvelle campagne").click()

    # No name, an answer time under 10 s and a date already past.
    page.locator("#id_q-0-text").fill("Présentez-vous en quelques mots.")
    page.locator("#id_q-0-max_answer_seconds").fill("5")
    type_date(page.get_by_label("Date limite"), timezone.localdate() - datetime.timedelta(days=3))
    submit(page, "Enregistrer")
    expect_error_at(page, "id_name", "Champ requis.")
    expect_error_at(page, "id_q-0-max_answer_seconds", "supérieure ou égale à 10")
    expect_error_at(page, "id_deadline_date", "Cette date est déjà passée")
    expect(page.locator("#id_q-0-text")).to_have_value("Présentez-vous en quelques mots.")
    shot(page, "visiotalent-1-campaign-errors")
    assert not InterviewCampaign.objects.exists()

    deadline = timezone.localdate() + datetime.timedelta(days=40)
    page.locator("#id_name").fill("Technicien de maintenance")
    page.get_by_label("Message d'accueil").fill("Merci de votre candidature : trois questions, dix minutes.")
    page.get_by_label("Délai de réponse (jours)").fill("10")
    type_date(page.get_by_label("Date limite"), deadline)
    page.get_by_label("Nouvelles tentatives permises").fill("2")
    page.locator("#id_q-0-max_answer_seconds").fill("90")
    page.locator("#id_q-1-text").fill("Racontez une panne que vous avez résolue.")
    page.locator("#id_q-1-preparation_seconds").fill("60")
    page.get_by_role("button", name="Ajouter une question").click()
    expect(page.locator("#id_q-2-text")).to_be_focused()
    page.keyboard.type("Pourquoi notre entreprise ?")
    expect(page.get_by_role("group", name="Question 3")).to_be_visible()
    shot(page, "visiotalent-2-campaign-form")
    submit(page, "Enregistrer")
    page.wait_for_url("**/visiotalent/campagnes/*/")
    assert "La campagne « Technicien de maintenance » est enregistrée." in flash(page)
    page.reload()
    expect(page.get_by_role("listitem").filter(has_text="Pourquoi notre entreprise ?")).to_be_visible()
    expect(page.get_by_text(f"au plus tard le {deadline.day}")).to_be_visible()
    shot(page, "visiotalent-3-campaign-detail")
    campaign = InterviewCampaign.objects.get()
    assert (campaign.company, campaign.deadline_days, campaign.deadline_date, campaign.retries_allowed) == (
        recruiter.company, 10, deadline, 2)
    assert campaign.introduction == "Merci de votre candidature : trois questions, dix minutes."
    assert [(q.text, q.preparation_seconds, q.max_answer_seconds) for q in campaign.questions.order_by("order")] == [
        ("Présentez-vous en quelques mots.", 30, 90),
        ("Racontez une panne que vous avez résolue.", 60, 120),
        ("Pourquoi notre entreprise ?", 30, 120),
    ]

    # Editing shows the stored date in the date box; saving another change keeps it.
    page.get_by_role("link", name="Modifier", exact=True).click()
    expect(page.get_by_label("Date limite")).to_have_value(deadline.isoformat())
    page.locator("#id_name").fill("Technicien de maintenance H/F")
    page.get_by_role("group", name="Question 2").get_by_label("Supprimer").check()
    submit(page, "Enregistrer")
    page.reload()
    campaign.refresh_from_db()
    assert (campaign.name, campaign.deadline_date) == ("Technicien de maintenance H/F", deadline)
    assert [q.text for q in campaign.questions.order_by("order")] == [
        "Présentez-vous en quelques mots.", "Pourquoi notre entreprise ?"]
    expect(page.get_by_text("Racontez une panne")).to_have_count(0)

    submit(page, "Supprimer la campagne")
    assert "La campagne « Technicien de maintenance H/F » est supprimée." in flash(page)
    page.reload()
    expect(page.get_by_text("Aucune campagne pour le moment")).to_be_visible()
    assert not InterviewCampaign.objects.exists()


@pytest.mark.forms("visiotalent-invite")
@pytest.mark.forms_bad_input("visiotalent-invite")
def test_invite_a_candidate_from_an_application(live_server, page):
    site_ensure()
    recruiter = RecruiterFactory(company__name="Ateliers des Volcans")
    campaign = InterviewCampaignFactory(company=recruiter.company, name="Premier entretien")
    InterviewQuestionFactory(campaign=campaign, text="Présentez-vous.")
    candidate = CandidateProfileFactory(user__first_name="Élodie", user__last_name="Fayolle",
                                        user__email="elodie@example.org")
    application = ApplicationFactory(candidate=candidate,
                                     offer=JobOfferFactory(company=recruiter.company, published=True,
                                                           title="Technicienne de maintenance"))
    base = live_server.url
    log_in(page, live_server, recruiter.user)
    page.goto(f"{base}/admin/recruteur/visiotalent/candidatures/{application.pk}/")
    expect(page.get_by_text("Candidature d'Élodie Fayolle à l'offre Technicienne de maintenance")).to_be_visible()

    submit(page, "Envoyer l'invitation")
    expect_error_at(page, "id_campaign", "Champ requis.")
    assert not InterviewInvitation.objects.exists() and not mail.outbox

    page.get_by_label("Campagne").select_option(label="Premier entretien")
    submit(page, "Envoyer l'invitation")
    assert "L'invitation à l'entretien vidéo est envoyée au candidat." in flash(page)
    page.reload()
    expect(page.get_by_text("Premier entretien : Invité")).to_be_visible()
    shot(page, "visiotalent-4-invited")
    invitation = InterviewInvitation.objects.get()
    assert (invitation.application, invitation.campaign, invitation.status) == (
        application, campaign, InvitationStatus.INVITED)
    assert mail.outbox[-1].to == ["elodie@example.org"]
