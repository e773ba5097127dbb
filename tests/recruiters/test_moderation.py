"""Staff moderation: decisions recorded and e-mailed, the admin listing, detail and decision views."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError

from portal.accounts.choices import Role
from recruiters.choices import CompanyStatus, DecisionAction, RecruiterStatus
from recruiters.models import ValidationDecision
from recruiters.selectors import active_company_for
from recruiters.services import (
    RECRUITERS_GROUP,
    company_reactivate,
    company_suspend,
    recruiter_approve,
    recruiter_reactivate,
    recruiter_reject,
    recruiter_suspend,
)
from tests.factories import (
    CompanyFactory,
    ContactRequestFactory,
    JoinRequestFactory,
    ModeratorFactory,
    RecruiterFactory,
    RecruiterUserFactory,
    UserFactory,
)

from .mail import assert_text_and_html

pytestmark = pytest.mark.django_db
LIST = "/admin/recruiters/recruiter/"


def in_recruiters_group(user) -> bool:
    return user.groups.filter(name=RECRUITERS_GROUP).exists()


# --- Services --------------------------------------------------------------------------------------------

def test_approval_gives_the_recruiter_role_activates_the_company_records_and_mails():
    moderator = ModeratorFactory()
    recruiter = RecruiterFactory(pending=True)
    assert active_company_for(recruiter.user) is None

    recruiter_approve(recruiter=recruiter, decided_by=moderator)

    recruiter.refresh_from_db()
    recruiter.user.refresh_from_db()
    assert recruiter.status == RecruiterStatus.APPROVED
    assert recruiter.user.role == Role.RECRUITER
    assert recruiter.company.status == CompanyStatus.ACTIVE and recruiter.company.validated_at
    assert in_recruiters_group(recruiter.user)
    assert recruiter.user.has_perm("wagtailadmin.access_admin")
    assert active_company_for(recruiter.user) == recruiter.company
    decision = ValidationDecision.objects.get()
    assert (decision.action, decision.user, decision.decided_by) == (DecisionAction.APPROVE, recruiter.user, moderator)
    assert decision.decided_at is not None
    [message] = mail.outbox
    assert message.to == [recruiter.user.email] and "validé" in message.subject
    assert_text_and_html(message)


def test_an_unconfirmed_address_cannot_be_approved():
    recruiter = RecruiterFactory(pending=True, user=RecruiterUserFactory(email_confirmed_at=None))
    with pytest.raises(ValidationError, match="pas encore confirmée"):
        recruiter_approve(recruiter=recruiter, decided_by=ModeratorFactory())
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.PENDING and not ValidationDecision.objects.exists()


def test_rejection_records_the_reason_refuses_the_company_and_mails_it():
    moderator = ModeratorFactory()
    recruiter = RecruiterFactory(pending=True)
    recruiter_reject(recruiter=recruiter, decided_by=moderator, reason="other", details="Adresse introuvable.")
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.REJECTED
    assert recruiter.company.status == CompanyStatus.REJECTED
    assert recruiter.user.role == Role.CANDIDATE and not in_recruiters_group(recruiter.user)
    decision = ValidationDecision.objects.get()
    assert (decision.action, decision.reason, decision.details) == (DecisionAction.REJECT, "other", "Adresse introuvable.")
    [message] = mail.outbox
    assert "n'a pas été validé" in message.subject
    assert "Adresse introuvable." in message.body and "Autre motif" in message.body
    assert_text_and_html(message)


@pytest.mark.parametrize(("reason", "details", "message"), [
    ("", "", "Choisissez un motif dans la liste."),
    ("n_importe_quoi", "", "Choisissez un motif dans la liste."),
    ("other", "  ", "Précisez le motif"),
])
def test_rejection_needs_a_reason_from_the_list(reason, details, message):
    recruiter = RecruiterFactory(pending=True)
    with pytest.raises(ValidationError) as exc:
        recruiter_reject(recruiter=recruiter, decided_by=ModeratorFactory(), reason=reason, details=details)
    assert message in " ".join(exc.value.messages)
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.PENDING and not mail.outbox


def test_an_approved_account_is_suspended_not_rejected():
    recruiter = RecruiterFactory()
    with pytest.raises(ValidationError, match="suspendez plutôt"):
        recruiter_reject(recruiter=recruiter, decided_by=ModeratorFactory(), reason="incomplete")


def test_suspension_and_reactivation_of_a_recruiter():
    moderator = ModeratorFactory()
    recruiter = RecruiterFactory()
    recruiter_suspend(recruiter=recruiter, decided_by=moderator, reason="abuse")
    assert active_company_for(recruiter.user) is None and not in_recruiters_group(recruiter.user)
    recruiter_reactivate(recruiter=recruiter, decided_by=moderator)
    assert active_company_for(recruiter.user) == recruiter.company and in_recruiters_group(recruiter.user)
    assert list(ValidationDecision.objects.values_list("action", flat=True)) == ["reactivate", "suspend"]
    assert [m.subject for m in mail.outbox] == ["Votre accès recruteur est suspendu",
                                                "Votre accès recruteur est rétabli"]


def test_suspending_a_company_blocks_all_its_recruiters_until_reactivation():
    moderator = ModeratorFactory()
    company = CompanyFactory()
    first, second = RecruiterFactory(company=company), RecruiterFactory(company=company)
    company_suspend(company=company, decided_by=moderator, reason="company_closed")
    for recruiter in (first, second):
        assert active_company_for(recruiter.user) is None and not in_recruiters_group(recruiter.user)
    decision = ValidationDecision.objects.get()
    assert decision.user is None and decision.action == DecisionAction.SUSPEND
    assert sorted(mail.outbox[0].to) == sorted([first.user.email, second.user.email])
    company_reactivate(company=company, decided_by=moderator)
    assert active_company_for(first.user) == company and in_recruiters_group(second.user)


def test_a_pending_company_cannot_be_suspended():
    with pytest.raises(ValidationError):
        company_suspend(company=CompanyFactory(status=CompanyStatus.PENDING), decided_by=None, reason="abuse")


# --- Admin views -----------------------------------------------------------------------------------------

@pytest.fixture
def staff_client(client):
    client.force_login(ModeratorFactory())
    return client


def test_moderators_group_exists_with_its_permissions():
    group = Group.objects.get(name="Modérateurs")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "moderate_recruiter", "view_recruiter", "change_recruiterhomesettings"} <= codenames


def test_listing_shows_pending_accounts_first_with_few_queries(staff_client, django_assert_max_num_queries):
    pending = [RecruiterFactory(pending=True, company=CompanyFactory(name=f"Alpha {i}", status="pending"))
               for i in range(5)]
    # Newer than every pending one: only the status ranking can put it last.
    approved = RecruiterFactory(company=CompanyFactory(name="Zeta validée"))
    with django_assert_max_num_queries(30):
        response = staff_client.get(LIST)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index(pending[0].company.name) < page.index("Zeta validée")
    assert page.index(pending[-1].company.name) < page.index(approved.company.name)
    assert "Valider" in page and "Refuser" in page


@pytest.mark.parametrize("query", ["?status=approved", "?q=Zeta", "?q=zeta-user", "?secteur=C", "?departement=63",
                                   "?created_at__gte=2000-01-01+00:00:00%2B00:00"])
def test_listing_filters_and_search(staff_client, query):
    RecruiterFactory(company=CompanyFactory(name="Zeta"), user=RecruiterUserFactory(email="zeta-user@z.example"))
    RecruiterFactory(pending=True, company=CompanyFactory(name="Omega", status="pending"))
    page = staff_client.get(LIST + query).content.decode()
    assert "Zeta" in page
    if query in {"?status=approved", "?q=Zeta", "?q=zeta-user"}:
        assert "Omega" not in page


def test_detail_view_shows_all_data_and_the_siren_check(staff_client):
    recruiter = RecruiterFactory(pending=True, company=CompanyFactory(siren="732829320", status="pending",
                                                                      name="Volcans SA"))
    page = staff_client.get(f"/admin/recruiters/recruiter/inspect/{recruiter.pk}/").content.decode()
    for expected in ["Volcans SA", "732 829 320", "clé de contrôle valide", recruiter.user.email,
                     "12 rue de la République", "Clermont-Ferrand", "04 73 12 34 56", "22.11Z",
                     "PME (10 à 249 salariés)", "annuaire-entreprises.data.gouv.fr/entreprise/732829320"]:
        assert expected in page, expected


def test_approve_from_the_admin(staff_client):
    recruiter = RecruiterFactory(pending=True)
    url = f"/admin/recruiters/recruiter/approve/{recruiter.pk}/"
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"next": LIST})
    assert response.status_code == 302 and response["Location"] == LIST
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.APPROVED


def test_reject_from_the_admin_with_a_reason(staff_client):
    recruiter = RecruiterFactory(pending=True)
    url = f"/admin/recruiters/recruiter/reject/{recruiter.pk}/"
    response = staff_client.post(url, {"reason": "", "details": ""})
    assert response.status_code == 400 and "Choisissez un motif dans la liste." in response.content.decode()
    response = staff_client.post(url, {"reason": "other", "details": ""})
    assert response.status_code == 400 and "Précisez le motif" in response.content.decode()
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.PENDING and not mail.outbox
    staff_client.post(url, {"reason": "siren_mismatch", "details": ""})
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.REJECTED
    assert ValidationDecision.objects.get().reason == "siren_mismatch"


def test_a_decision_that_no_longer_applies_is_explained_not_crashed(staff_client):
    recruiter = RecruiterFactory()
    response = staff_client.post(f"/admin/recruiters/recruiter/approve/{recruiter.pk}/", follow=True)
    assert response.status_code == 200
    assert "Ce compte est déjà validé." in response.content.decode()


def test_suspend_and_reactivate_a_company_from_the_admin(staff_client):
    company = RecruiterFactory().company
    staff_client.post(f"/admin/recruiters/company/suspend/{company.pk}/", {"reason": "abuse"})
    company.refresh_from_db()
    assert company.status == CompanyStatus.SUSPENDED
    staff_client.post(f"/admin/recruiters/company/reactivate/{company.pk}/")
    company.refresh_from_db()
    assert company.status == CompanyStatus.ACTIVE


def test_staff_dashboard_lists_accounts_waiting_for_a_decision(staff_client):
    RecruiterFactory(pending=True, company=CompanyFactory(name="Ateliers en attente", status="pending"))
    assert "Ateliers en attente" in staff_client.get("/admin/").content.decode()


@pytest.mark.parametrize("make_user", [
    lambda: RecruiterFactory().user,
    lambda: UserFactory(is_staff=True),
])
def test_recruiters_and_plain_staff_cannot_moderate(client, make_user):
    user = make_user()
    if user.is_staff:
        user.groups.add(Group.objects.get(name="Recruteurs"))  # admin access but no moderation rights
    client.force_login(user)
    recruiter = RecruiterFactory(pending=True)
    for url in [LIST, f"/admin/recruiters/recruiter/inspect/{recruiter.pk}/",
                f"/admin/recruiters/recruiter/approve/{recruiter.pk}/", "/admin/recruiters/company/",
                "/admin/recruiters/contactrequest/"]:
        assert client.get(url).status_code in {302, 403}, url
    client.post(f"/admin/recruiters/recruiter/approve/{recruiter.pk}/")
    recruiter.refresh_from_db()
    assert recruiter.status == RecruiterStatus.PENDING


def test_staff_accept_a_join_request_when_the_company_has_no_one_to_answer(staff_client):
    join_request = JoinRequestFactory()
    assert join_request.user.email in staff_client.get("/admin/recruiters/joinrequest/").content.decode()
    staff_client.post(f"/admin/recruiters/joinrequest/accept/{join_request.pk}/")
    join_request.refresh_from_db()
    assert join_request.status == "accepted"
    assert active_company_for(join_request.user) == join_request.company


@pytest.mark.parametrize("url", ["/admin/recruiters/company/", "/admin/recruiters/joinrequest/",
                                 "/admin/recruiters/contactrequest/"])
def test_other_staff_listings_do_not_grow_queries_with_rows(staff_client, url, django_assert_max_num_queries):
    for _ in range(12):
        JoinRequestFactory()
        ContactRequestFactory()
    with django_assert_max_num_queries(25):
        assert staff_client.get(url).status_code == 200
