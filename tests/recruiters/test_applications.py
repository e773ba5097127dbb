"""Applying, duplicates, e-mails and digests; "Mes candidatures" (filters, statuses, CV, comments, scoping)."""

import html
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recruiters.choices import ApplicationStatus, NotificationFrequency
from recruiters.models import Application, ApplicationEvent, EmailTemplate
from recruiters.services_offers import (
    application_digests_send,
    application_submit,
    application_submit_spontaneous,
    notification_settings_set,
)
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    JobOfferFactory,
    RecruiterFactory,
)
from tests.factories.candidates import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter():
    return RecruiterFactory()


@pytest.fixture
def offer(recruiter):
    return JobOfferFactory(company=recruiter.company, published=True, title="Magasinier cariste")


@pytest.fixture
def candidate():
    profile = CandidateProfileFactory()
    profile.user.email_confirmed_at = timezone.now()
    profile.user.save()
    return profile


def pdf_upload(name="mon-cv.pdf"):
    return SimpleUploadedFile(name, pdf_bytes("Jean Dupont", "Cariste CACES 3"), content_type="application/pdf")


def test_candidate_applies_with_a_new_file(client, offer, candidate, recruiter, django_capture_on_commit_callbacks):
    client.force_login(candidate.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/offres/{offer.slug}/postuler/", {"cv": pdf_upload(), "message": "Disponible."})
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.company == offer.company and application.offer == offer
    assert "Cariste CACES 3" in application.cv_text and application.cv_file.name.startswith("applications/cv/")
    assert application.cv_original_name == "mon-cv.pdf"
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "a bien été envoyée" in subjects[candidate.user.email]
    assert "Nouvelle candidature" in subjects[recruiter.user.email]
    assert ApplicationEvent.objects.filter(application=application, kind="submitted").exists()
    mine = client.get("/offres/mes-candidatures/").content.decode()
    assert "Magasinier cariste" in mine and "Envoyée" in mine


def test_applying_twice_is_refused_politely(client, offer, candidate):
    client.force_login(candidate.user)
    client.post(f"/offres/{offer.slug}/postuler/", {"cv": pdf_upload()})
    response = client.post(f"/offres/{offer.slug}/postuler/", {"cv": pdf_upload()}, follow=True)
    assert "Vous avez déjà postulé à cette offre" in response.content.decode()
    assert Application.objects.count() == 1


def test_bad_cv_file_is_refused_and_nothing_stored(client, offer, candidate):
    client.force_login(candidate.user)
    bogus = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(f"/offres/{offer.slug}/postuler/", {"cv": bogus})
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_profile_without_cv_must_attach_one(client, offer, candidate):
    client.force_login(candidate.user)
    response = client.post(f"/offres/{offer.slug}/postuler/", {"message": "Bonjour"})
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_anonymous_visitor_is_sent_to_login_then_back(client, offer):
    response = client.get(f"/offres/{offer.slug}/postuler/")
    assert response.status_code == 302 and "next=" in response["Location"]


def test_closed_offer_cannot_be_applied_to(client, recruiter, candidate):
    closed = JobOfferFactory(company=recruiter.company, status="closed")
    client.force_login(candidate.user)
    assert client.post(f"/offres/{closed.slug}/postuler/", {"cv": pdf_upload()}).status_code == 302
    assert not Application.objects.exists()


def test_spontaneous_application_is_stored_forwarded_and_acknowledged(recruiter, candidate,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit_spontaneous(
            company=recruiter.company, candidate=candidate, message="Je vous écris spontanément.",
            cv_file=pdf_upload(), forward_to="rh@entreprise.example",
        )
    assert application.is_spontaneous and application.company == recruiter.company
    recipients = {m.to[0] for m in mail.outbox}
    assert {"rh@entreprise.example", candidate.user.email, recruiter.user.email} <= recipients
    forward = next(m for m in mail.outbox if m.to == ["rh@entreprise.example"])
    assert forward.reply_to == [candidate.user.email]
    assert f"votre réponse parviendra directement à {candidate.user.get_full_name()}" in forward.body


def test_daily_digest_instead_of_immediate(recruiter, offer, candidate, django_capture_on_commit_callbacks):
    notification_settings_set(recruiter=recruiter, frequency=NotificationFrequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(offer=offer, candidate=candidate, cv_file=pdf_upload())
    assert not [m for m in mail.outbox if recruiter.user.email in m.to]
    assert application_digests_send(now=timezone.now() + timedelta(minutes=1)) == 1
    digest = [m for m in mail.outbox if recruiter.user.email in m.to]
    assert len(digest) == 1 and "Magasinier cariste" in digest[0].body
    assert application_digests_send(now=timezone.now() + timedelta(minutes=2)) == 0


def test_list_filters_and_query_count(client, recruiter, offer, django_assert_max_num_queries):
    client.force_login(recruiter.user)
    ApplicationFactory(offer=offer)
    with CaptureQueriesContext(connection) as one_row:
        client.get("/admin/recruteur/candidatures/")
    for _ in range(9):
        ApplicationFactory(offer=offer)
    seen = ApplicationFactory(offer=offer, seen_at=timezone.now(), status=ApplicationStatus.INTERVIEW)
    ApplicationFactory(offer=None, company=recruiter.company)
    foreign = ApplicationFactory()
    # Twelve rows cost what one row costs (no query per row); the ceiling covers Wagtail's menu checks.
    with django_assert_max_num_queries(len(one_row)):
        response = client.get("/admin/recruteur/candidatures/")
    assert len(one_row) <= 21
    assert response.status_code == 200
    pks = {row.pk for row in response.context["table"].data}
    assert foreign.pk not in pks and len(pks) == 12
    assert [r.pk for r in client.get("/admin/recruteur/candidatures/", {"status": "interview"})
            .context["table"].data] == [seen.pk]
    assert len(client.get("/admin/recruteur/candidatures/", {"spontaneous": "true"}).context["table"].data) == 1
    assert len(client.get("/admin/recruteur/candidatures/", {"seen": "false"}).context["table"].data) == 11
    assert len(client.get("/admin/recruteur/candidatures/", {"has_video": "true"}).context["table"].data) == 0
    assert client.get("/admin/recruteur/candidatures/", {"offer": foreign.offer.pk}).status_code == 200


def test_bulk_status_change_only_touches_own_applications(client, recruiter, offer):
    client.force_login(recruiter.user)
    mine = [ApplicationFactory(offer=offer) for _ in range(3)]
    foreign = ApplicationFactory()
    # Another company's application slipped into the post: the whole change is refused.
    response = client.post("/admin/recruteur/candidatures/",
                           {"status": "to_contact", "select": [a.pk for a in mine] + [foreign.pk]})
    assert response.status_code == 400
    assert "ne vous est pas accessible" in html.unescape(response.content.decode())
    assert not Application.objects.filter(status="to_contact").exists()
    response = client.post("/admin/recruteur/candidatures/", {"status": "to_contact", "select": [a.pk for a in mine]})
    assert response.status_code == 302
    assert set(Application.objects.filter(status="to_contact").values_list("pk", flat=True)) == {a.pk for a in mine}
    foreign.refresh_from_db()
    assert foreign.status == ApplicationStatus.NEW
    for bad, message in [({"status": "pirate", "select": [mine[0].pk]}, "Sélectionnez un choix valide"),
                         ({"status": "", "select": [mine[0].pk]}, "Choisissez le nouveau statut"),
                         ({"status": "hired"}, "Cochez au moins une candidature")]:
        response = client.post("/admin/recruteur/candidatures/", bad)
        assert response.status_code == 400 and message in html.unescape(response.content.decode())
    mine[0].refresh_from_db()
    assert mine[0].status == "to_contact"


def test_detail_marks_seen_and_supports_status_comment_email(client, recruiter, offer,
                                                             django_capture_on_commit_callbacks):
    client.force_login(recruiter.user)
    application = ApplicationFactory(offer=offer)
    url = f"/admin/recruteur/candidatures/{application.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "Invitation à un entretien" in page.content.decode()
    application.refresh_from_db()
    assert application.seen_at is not None
    client.post(url, {"action": "status", "status": "interview"})
    client.post(url, {"action": "comment", "text": "Bon profil, à rappeler."})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "email", "subject": "Entretien", "body": "Venez mardi."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEW
    assert application.comments.get().text == "Bon profil, à rappeler."
    assert [m.subject for m in mail.outbox if application.candidate.user.email in m.to] == ["Entretien"]
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds == ["seen", "status_changed", "commented", "email_sent"]
    history = client.get(url).content.decode()
    assert "Nouvelle → Entretien" in history
    bad = client.post(url, {"action": "status", "status": "pirate"})
    assert bad.status_code == 400 and "Sélectionnez un choix valide" in bad.content.decode()
    same = client.post(url, {"action": "status", "status": "interview"})
    assert same.status_code == 400 and "déjà au statut « Entretien »" in html.unescape(same.content.decode())
    empty = client.post(url, {"action": "email", "subject": "", "body": ""})
    assert empty.status_code == 400 and "Indiquez l'objet" in html.unescape(empty.content.decode())
    left = client.post(url, {"action": "email", "subject": "Refus", "body": "Bonjour, motif : {motif}"})
    assert left.status_code == 400 and "Remplacez « {motif} »" in html.unescape(left.content.decode())
    assert client.post(url, {"action": "comment", "text": "  "}).status_code == 400
    assert application.events.count() == 4 and application.comments.count() == 1


def test_refusal_template_uses_company_wording_and_reason(client, recruiter, offer):
    client.force_login(recruiter.user)
    client.post("/admin/recruteur/candidatures/reglages/", {
        "action": "refusal", "refusal-subject": "Réponse de {entreprise}",
        "refusal-body": "Bonjour {prenom}, motif : {motif}"})
    application = ApplicationFactory(offer=offer)
    page = client.get(f"/admin/recruteur/candidatures/{application.pk}/", {"modele": "refusal", "motif": "poste pourvu"})
    html = page.content.decode()
    assert f"Réponse de {recruiter.company.name}" in html and "motif : poste pourvu" in html


def test_cv_is_served_only_to_the_company(client, recruiter, offer):
    application = ApplicationFactory(offer=offer)
    foreign = ApplicationFactory()
    client.force_login(recruiter.user)
    response = client.get(f"/admin/recruteur/candidatures/{application.pk}/cv/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # shown in the detail page's viewer
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    download = client.get(f"/admin/recruteur/candidatures/{application.pk}/cv/", {"download": "1"})
    assert "attachment" in download["Content-Disposition"]
    assert client.get(f"/admin/recruteur/candidatures/{foreign.pk}/cv/").status_code == 404
    assert client.get(f"/admin/recruteur/candidatures/{foreign.pk}/").status_code == 404
    assert client.post(f"/admin/recruteur/candidatures/{foreign.pk}/", {"action": "status", "status": "hired"}
                       ).status_code == 404
    client.logout()
    client.force_login(application.candidate.user)
    assert client.get(f"/admin/recruteur/candidatures/{application.pk}/cv/").status_code in (302, 403)


def test_dashboard_panel_shows_latest_offers_and_applications(client, recruiter, offer):
    ApplicationFactory(offer=offer)
    client.force_login(recruiter.user)
    page = client.get("/admin/").content.decode()
    assert "Magasinier cariste" in page and "Dernières candidatures" in page



def test_interview_invitation_footer_sends_replies_to_the_recruiter(client, recruiter, offer,
                                                                    django_capture_on_commit_callbacks):
    recruiter.user.first_name, recruiter.user.last_name = "Claire", "Martin"
    recruiter.user.save()
    client.force_login(recruiter.user)
    application = ApplicationFactory(offer=offer)
    url = f"/admin/recruteur/candidatures/{application.pk}/"
    form = client.get(url, {"modele": "interview"}).context["email_form"]
    assert "indiquer vos disponibilités" in form.initial["body"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "email", "subject": form.initial["subject"], "body": form.initial["body"]})
    message = mail.outbox[-1]
    assert message.reply_to == [recruiter.user.email]
    html = message.alternatives[0].content
    for text in (message.body, html):
        assert "indiquer vos disponibilités" in text
        assert "ne pas" not in text and "répondre directement" not in text
        assert f"votre réponse parviendra directement à Claire Martin ({recruiter.user.email})" in text


def test_mails_without_reply_to_still_say_not_to_reply(offer, candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(offer=offer, candidate=candidate, message="Bonjour", cv_file=pdf_upload())
    acknowledgement = next(m for m in mail.outbox if candidate.user.email in m.to)
    assert acknowledgement.reply_to == []
    for text in (acknowledgement.body, acknowledgement.alternatives[0].content):
        assert "ne pas" in text and "répondre" in text and "parviendra" not in text


def test_refusal_needs_its_reason_before_the_mail_is_prepared(client, recruiter, offer):
    client.force_login(recruiter.user)
    application = ApplicationFactory(offer=offer)
    response = client.get(f"/admin/recruteur/candidatures/{application.pk}/", {"modele": "refusal", "motif": ""})
    page = html.unescape(response.content.decode())
    assert "Indiquez le motif du refus" in page
    # The reason's place stays visible in the message, and sending it as is is refused.
    assert "{motif}" in response.context["email_form"].initial["body"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Bonjour {prenon},", "Variable inconnue : {prenon}"),
        ("Bonjour {prenom,", "Une accolade est ouverte ou fermée seule"),
        ("", "Écrivez le texte du modèle"),
    ],
)
def test_settings_refuse_a_template_the_mail_could_not_fill(client, recruiter, body, message):
    client.force_login(recruiter.user)
    response = client.post("/admin/recruteur/candidatures/reglages/", {
        "action": "interview", "interview-subject": "Entretien", "interview-body": body})
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert not EmailTemplate.objects.exists()


def test_settings_save_notifications_and_templates_of_the_company_only(client, recruiter):
    other = RecruiterFactory()
    client.force_login(recruiter.user)
    assert client.post("/admin/recruteur/candidatures/reglages/", {
        "action": "notifications", "application_frequency": "daily"}).status_code == 302
    assert recruiter.notification_settings.application_frequency == "daily"
    assert client.post("/admin/recruteur/candidatures/reglages/", {
        "action": "notifications", "application_frequency": "hourly"}).status_code == 400
    recruiter.notification_settings.refresh_from_db()
    assert recruiter.notification_settings.application_frequency == "daily"
    client.post("/admin/recruteur/candidatures/reglages/", {
        "action": "interview", "interview-subject": "Rencontrons-nous", "interview-body": "Bonjour {prenom}"})
    template = EmailTemplate.objects.get()
    assert (template.company, template.subject) == (recruiter.company, "Rencontrons-nous")
    client.force_login(other.user)
    page = client.get("/admin/recruteur/candidatures/reglages/").content.decode()
    assert "Rencontrons-nous" not in page
