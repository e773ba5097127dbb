"""Colleagues: invitations, join requests, leaving; every object view answers 404 for another company."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from portal.accounts.choices import Role
from recruiters.choices import JoinRequestStatus, RecruiterStatus
from recruiters.models import Invitation, Recruiter
from recruiters.selectors import active_company_for
from recruiters.services import colleague_invite, invitation_token
from tests.factories import (
    CompanyFactory,
    InvitationFactory,
    JoinRequestFactory,
    RecruiterFactory,
    UserFactory,
)
from tests.factories.accounts import DEFAULT_PASSWORD

from .mail import assert_text_and_html, link_in

pytestmark = pytest.mark.django_db
TEAM = "/admin/recruteur/equipe/"


@pytest.fixture
def recruiter(client):
    recruiter = RecruiterFactory()
    client.force_login(recruiter.user)
    return recruiter


# --- Invitations -----------------------------------------------------------------------------------------

def test_invite_a_colleague_by_email(client, recruiter):
    response = client.post(TEAM, {"email": "Paul.Durand@Entreprise.example"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.company, invitation.email, invitation.invited_by) == (
        recruiter.company, "paul.durand@entreprise.example", recruiter.user)
    [message] = mail.outbox
    assert message.to == ["paul.durand@entreprise.example"] and recruiter.company.name in message.subject
    assert message.reply_to == [recruiter.user.email]
    assert_text_and_html(message)
    assert "/espace-recruteur/invitation/" in link_in(message, "/espace-recruteur/invitation/")
    assert "paul.durand@entreprise.example" in client.get(TEAM).content.decode()


@pytest.mark.parametrize(("email", "message"), [
    ("", "Indiquez l&#x27;adresse électronique de votre collègue."),
    ("paul@", "Saisissez une adresse électronique valide"),
])
def test_invitation_needs_a_valid_email(client, recruiter, email, message):
    response = client.post(TEAM, {"email": email})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_no_second_invitation_and_no_invitation_for_a_member(client, recruiter):
    colleague = RecruiterFactory(company=recruiter.company)
    InvitationFactory(company=recruiter.company, email="paul@entreprise.example")
    for email, message in [("paul@entreprise.example", "Une invitation est déjà en cours"),
                           (colleague.user.email, "fait déjà partie de votre équipe")]:
        response = client.post(TEAM, {"email": email})
        assert response.status_code == 400 and message in response.content.decode()
    assert Invitation.objects.count() == 1


def test_new_colleague_creates_an_account_from_the_link_and_joins_without_validation(client):
    inviter = RecruiterFactory()
    invitation = colleague_invite(invited_by=inviter.user, email="paul@entreprise.example")
    link = link_in(mail.outbox[0], "/espace-recruteur/invitation/")
    page = client.get(link).content.decode()
    assert inviter.company.name in page and "au moins 12 caractères" in page

    weak = client.post(link, {"first_name": "Paul", "last_name": "Durand", "password": "faible"})
    assert weak.status_code == 200 and "une lettre majuscule" in weak.content.decode()
    assert not get_user_model().objects.filter(email="paul@entreprise.example").exists()

    response = client.post(link, {"first_name": "Paul", "last_name": "Durand", "password": "Collegue-Solide-2026!"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    paul = get_user_model().objects.get(email="paul@entreprise.example")
    assert paul.email_confirmed_at and paul.role == Role.RECRUITER
    assert active_company_for(paul) == inviter.company
    assert Recruiter.objects.get(user=paul).status == RecruiterStatus.APPROVED
    invitation.refresh_from_db()
    assert invitation.accepted_by == paul
    assert client.get("/admin/").status_code == 200  # logged in, in the recruiter space
    assert any(inviter.user.email in m.to and "a rejoint votre équipe" in m.subject for m in mail.outbox)


def test_existing_user_logs_in_then_joins(client):
    inviter = RecruiterFactory()
    paul = UserFactory(email="paul@entreprise.example")
    colleague_invite(invited_by=inviter.user, email=paul.email)
    link = link_in(mail.outbox[0], "/espace-recruteur/invitation/")
    assert "connectez-vous pour accepter" in client.get(link).content.decode()
    client.force_login(paul)
    assert client.post(link).status_code == 302
    paul.refresh_from_db()
    assert paul.email_confirmed_at is not None  # opening the link proved the address
    assert active_company_for(paul) == inviter.company


def test_invitation_for_someone_else_or_already_in_a_company(client):
    inviter = RecruiterFactory()
    colleague_invite(invited_by=inviter.user, email="paul@entreprise.example")
    link = link_in(mail.outbox[0], "/espace-recruteur/invitation/")
    intruder = UserFactory()
    client.force_login(intruder)
    assert client.post(link).status_code == 400
    assert not Recruiter.objects.filter(user=intruder).exists()
    elsewhere = RecruiterFactory(user__email="paul@entreprise.example")
    client.force_login(elsewhere.user)
    response = client.post(link)
    assert response.status_code == 400 and "déjà rattaché à l&#x27;entreprise" in response.content.decode()
    assert active_company_for(elsewhere.user) == elsewhere.company


@pytest.mark.parametrize("state", ["forged", "revoked", "accepted"])
def test_dead_invitation_links_answer_400_in_french(client, state):
    invitation = InvitationFactory()
    token = invitation_token(invitation)
    if state == "forged":
        token = token[:-4] + "abcd"
    elif state == "revoked":
        invitation.revoked_at = invitation.created_at
        invitation.save()
    else:
        invitation.accepted_at = invitation.created_at
        invitation.save()
    response = client.get(f"/espace-recruteur/invitation/{token}/")
    assert response.status_code == 400 and "Cette invitation n'est plus valable" in response.content.decode()


def test_revoke_an_invitation(client, recruiter):
    invitation = InvitationFactory(company=recruiter.company, invited_by=recruiter.user)
    assert client.post(f"/admin/recruteur/equipe/invitations/{invitation.pk}/annuler/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


# --- Join requests ---------------------------------------------------------------------------------------

def test_colleague_accepts_a_join_request(client, recruiter):
    join_request = JoinRequestFactory(company=recruiter.company)
    assert join_request.user.email in client.get(TEAM).content.decode()
    client.post(f"/admin/recruteur/equipe/demandes/{join_request.pk}/accepter/")
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.ACCEPTED and join_request.decided_by == recruiter.user
    assert active_company_for(join_request.user) == recruiter.company
    assert mail.outbox[-1].to == [join_request.user.email]


def test_colleague_declines_a_join_request(client, recruiter):
    join_request = JoinRequestFactory(company=recruiter.company)
    client.post(f"/admin/recruteur/equipe/demandes/{join_request.pk}/refuser/")
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.DECLINED
    assert active_company_for(join_request.user) is None
    assert "n'a pas été acceptée" in mail.outbox[-1].body


def test_unconfirmed_join_requests_are_not_shown(client, recruiter):
    join_request = JoinRequestFactory(company=recruiter.company, user__email_confirmed_at=None)
    assert join_request.user.email not in client.get(TEAM).content.decode()
    assert client.post(f"/admin/recruteur/equipe/demandes/{join_request.pk}/accepter/").status_code == 404


# --- Cross-company: another company's objects are a 404 ----------------------------------------------------

@pytest.mark.parametrize("url_for", [
    lambda other: f"/admin/recruteur/equipe/invitations/{InvitationFactory(company=other).pk}/annuler/",
    lambda other: f"/admin/recruteur/equipe/demandes/{JoinRequestFactory(company=other).pk}/accepter/",
    lambda other: f"/admin/recruteur/equipe/demandes/{JoinRequestFactory(company=other).pk}/refuser/",
])
def test_another_companys_objects_answer_404(client, recruiter, url_for):
    other = CompanyFactory()
    url = url_for(other)
    assert client.post(url).status_code == 404
    assert not other.invitations.filter(revoked_at__isnull=False).exists()
    assert not other.join_requests.exclude(status=JoinRequestStatus.PENDING).exists()


def test_team_page_lists_only_the_own_company(client, recruiter, django_assert_max_num_queries):
    other = RecruiterFactory()
    InvitationFactory(company=other.company, email="secret@autre.example")
    JoinRequestFactory(company=other.company, user__email="demande@autre.example")
    for _ in range(10):
        RecruiterFactory(company=recruiter.company)
        InvitationFactory(company=recruiter.company, invited_by=recruiter.user)
        JoinRequestFactory(company=recruiter.company)
    with django_assert_max_num_queries(25):
        page = client.get(TEAM).content.decode()
    assert other.user.email not in page and "secret@autre.example" not in page and "demande@autre.example" not in page


# --- Leaving ---------------------------------------------------------------------------------------------

def test_the_last_recruiter_cannot_leave(client, recruiter):
    response = client.post("/admin/recruteur/equipe/quitter/", follow=True)
    assert "dernier recruteur" in response.content.decode()
    assert active_company_for(recruiter.user) == recruiter.company


def test_a_recruiter_leaves_and_the_company_keeps_going(client, recruiter):
    colleague = RecruiterFactory(company=recruiter.company)
    response = client.post("/admin/recruteur/equipe/quitter/")
    assert response.status_code == 302
    recruiter.user.refresh_from_db()
    assert not Recruiter.objects.filter(user=recruiter.user).exists()
    assert recruiter.user.role == Role.CANDIDATE and not recruiter.user.has_perm("wagtailadmin.access_admin")
    assert active_company_for(colleague.user) == recruiter.company
    assert client.get(TEAM).status_code == 302


def test_a_user_who_left_can_join_another_company_later(client):
    first = RecruiterFactory()
    RecruiterFactory(company=first.company)
    client.force_login(first.user)
    client.post("/admin/recruteur/equipe/quitter/")
    other = RecruiterFactory()
    colleague_invite(invited_by=other.user, email=first.user.email)
    client.post(link_in(mail.outbox[-1], "/espace-recruteur/invitation/"))
    assert active_company_for(first.user) == other.company


def test_password_login_after_joining(client):
    inviter = RecruiterFactory()
    colleague_invite(invited_by=inviter.user, email="paul@entreprise.example")
    client.post(link_in(mail.outbox[0], "/espace-recruteur/invitation/"),
                {"first_name": "Paul", "last_name": "Durand", "password": "Collegue-Solide-2026!"})
    client.logout()
    response = client.post("/espace-recruteur/connexion/", {"username": "paul@entreprise.example",
                                                            "password": "Collegue-Solide-2026!"}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert DEFAULT_PASSWORD  # the factory password is unrelated
