"""Reads for the recruiter space, already limited to what the given user may see.

Every recruiter-facing view gets its objects from here, scoped to the recruiter's own company; an object
of another company is simply absent from the queryset and the view answers 404.
"""

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, QuerySet, Value, When

from .choices import CompanyStatus, JoinRequestStatus, RecruiterState, RecruiterStatus
from .models import Company, ContactRequest, Invitation, JoinRequest, Recruiter


def recruiter_for(user) -> Recruiter | None:
    """The user's company membership, whatever its status."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Recruiter.objects.select_related("company").filter(user=user).first()


def active_company_for(user) -> Company | None:
    """The company of a validated recruiter whose company is active; None for anyone else.

    The single access rule of the recruiter space: the user is active, has confirmed their address,
    their account is approved and their company is neither pending, refused nor suspended.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.email_confirmed_at is None:
        return None
    recruiter = (
        Recruiter.objects.select_related("company")
        .filter(user=user, status=RecruiterStatus.APPROVED, company__status=CompanyStatus.ACTIVE)
        .first()
    )
    return recruiter.company if recruiter else None


def is_active_recruiter(user) -> bool:
    return active_company_for(user) is not None


def company_for(user) -> Company | None:
    """The company the user belongs to, validated or not (for status screens, never for data access)."""
    recruiter = recruiter_for(user)
    return recruiter.company if recruiter else None


def pending_join_request_for(user) -> JoinRequest | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return JoinRequest.objects.select_related("company").filter(user=user, status=JoinRequestStatus.PENDING).first()


def recruiter_state(user) -> RecruiterState:
    if not getattr(user, "is_authenticated", False):
        return RecruiterState.NONE
    recruiter = recruiter_for(user)
    if recruiter is None:
        if pending_join_request_for(user) is None:
            return RecruiterState.NONE
        return RecruiterState.UNCONFIRMED if user.email_confirmed_at is None else RecruiterState.JOIN_PENDING
    if user.email_confirmed_at is None:
        return RecruiterState.UNCONFIRMED
    company_status = recruiter.company.status
    if recruiter.status == RecruiterStatus.REJECTED or company_status == CompanyStatus.REJECTED:
        return RecruiterState.REJECTED
    if recruiter.status == RecruiterStatus.SUSPENDED or company_status == CompanyStatus.SUSPENDED:
        return RecruiterState.SUSPENDED
    if recruiter.status == RecruiterStatus.APPROVED and company_status == CompanyStatus.ACTIVE:
        return RecruiterState.ACTIVE
    return RecruiterState.PENDING


def live_company_with_siren(siren: str) -> Company | None:
    """The registered (not refused) company with this SIREN."""
    return Company.objects.exclude(status=CompanyStatus.REJECTED).filter(siren=siren).first()


def colleagues(*, user) -> QuerySet[Recruiter]:
    company = active_company_for(user)
    if company is None:
        return Recruiter.objects.none()
    return Recruiter.objects.filter(company=company).select_related("user").order_by("user__last_name", "user__email")


def open_invitations(*, user) -> QuerySet[Invitation]:
    company = active_company_for(user)
    if company is None:
        return Invitation.objects.none()
    return Invitation.objects.filter(company=company, accepted_at__isnull=True, revoked_at__isnull=True).select_related(
        "invited_by"
    )


def pending_join_requests(*, user) -> QuerySet[JoinRequest]:
    """Join requests the user's company may answer (the requester has confirmed their address)."""
    company = active_company_for(user)
    if company is None:
        return JoinRequest.objects.none()
    return JoinRequest.objects.filter(
        company=company, status=JoinRequestStatus.PENDING, user__email_confirmed_at__isnull=False
    ).select_related("user")


def contact_requests(*, user) -> QuerySet[ContactRequest]:
    company = active_company_for(user)
    if company is None:
        return ContactRequest.objects.none()
    return ContactRequest.objects.filter(company=company).select_related("author")


def active_recruiter_emails(company: Company) -> list[str]:
    return list(
        Recruiter.objects.filter(
            company=company, status=RecruiterStatus.APPROVED, user__is_active=True, user__email_confirmed_at__isnull=False
        ).values_list("user__email", flat=True)
    )


def recruiters_for_moderation() -> QuerySet[Recruiter]:
    """Every recruiter account, pending ones first, for staff."""
    return Recruiter.objects.select_related("user", "company", "company__commune", "company__naf_sector").annotate(
        status_rank=Case(
            When(status=RecruiterStatus.PENDING, then=Value(0)),
            When(status=RecruiterStatus.SUSPENDED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )


def user_by_email(email: str):
    return get_user_model().objects.filter(email__iexact=(email or "").strip()).first()
