"""Two people acting on the same thing at once: a moderation decision taken on a page shown before a
colleague's decision is not applied on top of it; two colleagues saving the same e-mail template both
succeed and the last wording stays."""

import html

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from recruiters.choices import DecisionAction, RecruiterStatus
from recruiters.models import EmailTemplate, Recruiter, ValidationDecision
from recruiters.services import recruiter_approve, recruiter_reject
from recruiters.services_offers import email_template_save
from recruiters.views import offers as offer_views
from tests.factories import ModeratorFactory, RecruiterFactory

pytestmark = pytest.mark.django_db

ALREADY = "Ce compte a déjà été traité (statut : refusé) : votre décision n'a pas été enregistrée."


def stale_copy(recruiter):
    """The account as a second moderator loaded it, before the first one decided."""
    return Recruiter.objects.select_related("user", "company").get(pk=recruiter.pk)


def test_approving_an_account_a_colleague_has_just_refused_is_not_applied():
    recruiter = RecruiterFactory(pending=True)
    seen_by_second = stale_copy(recruiter)
    recruiter_reject(recruiter=recruiter, decided_by=ModeratorFactory(), reason="incomplete")
    with pytest.raises(ValidationError) as error:
        recruiter_approve(recruiter=seen_by_second, decided_by=ModeratorFactory())
    assert error.value.messages == [ALREADY]
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.REJECTED
    assert list(ValidationDecision.objects.values_list("action", flat=True)) == [DecisionAction.REJECT]
    assert len(mail.outbox) == 1 and "n'a pas été validé" in mail.outbox[0].body


def test_refusing_an_account_a_colleague_has_just_approved_is_not_applied():
    recruiter = RecruiterFactory(pending=True)
    seen_by_second = stale_copy(recruiter)
    recruiter_approve(recruiter=recruiter, decided_by=ModeratorFactory())
    with pytest.raises(ValidationError, match="Ce compte a déjà été validé : votre refus n'a pas été enregistré"):
        recruiter_reject(recruiter=seen_by_second, decided_by=ModeratorFactory(), reason="incomplete")
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.APPROVED
    assert list(ValidationDecision.objects.values_list("action", flat=True)) == [DecisionAction.APPROVE]
    assert len(mail.outbox) == 1


def test_two_refusals_record_one_decision_and_one_mail():
    recruiter = RecruiterFactory(pending=True)
    seen_by_second = stale_copy(recruiter)
    recruiter_reject(recruiter=recruiter, decided_by=ModeratorFactory(), reason="incomplete")
    with pytest.raises(ValidationError) as error:
        recruiter_reject(recruiter=seen_by_second, decided_by=ModeratorFactory(), reason="siren_mismatch")
    assert error.value.messages == [ALREADY]
    assert ValidationDecision.objects.get().reason == "incomplete"
    assert len(mail.outbox) == 1


def test_approve_page_opened_before_a_colleague_refused_explains_and_changes_nothing(client):
    recruiter = RecruiterFactory(pending=True)
    first, second = ModeratorFactory(), ModeratorFactory()
    approve_url = f"/admin/recruiters/recruiter/approve/{recruiter.pk}/"
    client.force_login(second)
    assert client.get(approve_url).status_code == 200  # the second moderator's confirmation page

    recruiter_reject(recruiter=recruiter, decided_by=first, reason="incomplete")
    response = client.post(approve_url, follow=True)
    assert response.status_code == 200
    assert ALREADY in html.unescape(response.content.decode())
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.REJECTED
    assert ValidationDecision.objects.count() == 1 and len(mail.outbox) == 1


def test_a_refused_account_is_still_approved_on_purpose_with_valider_malgre_tout(client):
    recruiter = RecruiterFactory(pending=True)
    recruiter_reject(recruiter=recruiter, decided_by=ModeratorFactory(), reason="incomplete")
    client.force_login(ModeratorFactory())
    listing = html.unescape(client.get("/admin/recruiters/recruiter/").content.decode())
    url = f"/admin/recruiters/recruiter/approve/{recruiter.pk}/?malgre_refus=1"
    assert f'href="{url}"' in listing and "Valider malgré tout" in listing
    assert "Valider le compte malgré le refus" in html.unescape(client.get(url).content.decode())
    assert client.post(url).status_code == 302
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.APPROVED
    assert list(ValidationDecision.objects.values_list("action", flat=True)) == ["approve", "reject"]
    # Sent twice by two moderators: the second finds it already approved.
    response = client.post(url, follow=True)
    assert "Ce compte est déjà validé." in html.unescape(response.content.decode())
    assert ValidationDecision.objects.count() == 2 and len(mail.outbox) == 2


# --- E-mail templates ------------------------------------------------------------------------------------

SETTINGS = "/admin/recruteur/candidatures/reglages/"


def post_interview(client, subject):
    return client.post(SETTINGS, {"action": "interview", "interview-subject": subject,
                                  "interview-body": "Bonjour {prenom},"})


def test_two_colleagues_saving_the_same_template_from_pages_opened_before_either_saved(client):
    alice = RecruiterFactory()
    bruno = RecruiterFactory(company=alice.company)
    for user in (alice.user, bruno.user):  # both pages show the default wording, no row yet
        client.force_login(user)
        assert client.get(SETTINGS).status_code == 200
    client.force_login(alice.user)
    assert post_interview(client, "Version d'Alice").status_code == 302
    client.force_login(bruno.user)
    assert post_interview(client, "Version de Bruno").status_code == 302
    assert list(EmailTemplate.objects.values_list("subject", flat=True)) == ["Version de Bruno"]


class AliceSavesMeanwhile:
    """A database execute wrapper: Alice's template row is committed right after the save under test looked
    for one (its first read of the table) and before its next statement, as two requests interleave on
    PostgreSQL. One connection cannot run two transactions, so the row is written on the same one."""

    def __init__(self, company):
        self.company, self.state = company, "waiting"

    def __call__(self, execute, sql, params, many, context):
        if self.state == "looked":
            self.state = "done"
            EmailTemplate.objects.bulk_create([EmailTemplate(company=self.company, kind="interview",
                                                             subject="Version d'Alice", body="Bonjour,")])
        result = execute(sql, params, many, context)
        if self.state == "waiting" and sql.lstrip().upper().startswith("SELECT") and "emailtemplate" in sql:
            self.state = "looked"
        return result


def test_a_template_saved_by_a_colleague_between_lookup_and_write_is_updated():
    alice = RecruiterFactory()
    meanwhile = AliceSavesMeanwhile(alice.company)
    with connection.execute_wrapper(meanwhile):
        template = email_template_save(company=alice.company, kind="interview", subject="Version de Bruno",
                                       body="Bonjour {prenom},")
    assert meanwhile.state == "done"
    assert list(EmailTemplate.objects.values_list("pk", "subject", "body")) == [
        (template.pk, "Version de Bruno", "Bonjour {prenom},")]


def test_a_colleague_saving_the_same_template_at_the_same_moment_is_an_update_not_a_500(client, monkeypatch):
    alice = RecruiterFactory()
    bruno = RecruiterFactory(company=alice.company)
    meanwhile = AliceSavesMeanwhile(alice.company)

    def save_while_alice_saves(**kwargs):
        with connection.execute_wrapper(meanwhile):
            return email_template_save(**kwargs)

    monkeypatch.setattr(offer_views, "email_template_save", save_while_alice_saves)
    client.raise_request_exception = False
    client.force_login(bruno.user)
    response = post_interview(client, "Version de Bruno")
    assert response.status_code == 302 and meanwhile.state == "done"
    template = EmailTemplate.objects.get()
    assert (template.company, template.subject, template.body) == (alice.company, "Version de Bruno",
                                                                  "Bonjour {prenom},")
