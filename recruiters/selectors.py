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


def _may_use_recruiter_space(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.email_confirmed_at)


def active_companies(user) -> QuerySet[Company]:
    """The company (zero or one) whose recruiter space the user may use, as a queryset to scope others by."""
    if not _may_use_recruiter_space(user):
        return Company.objects.none()
    return Company.objects.filter(
        status=CompanyStatus.ACTIVE, recruiters__user=user, recruiters__status=RecruiterStatus.APPROVED
    )


def active_company_for(user) -> Company | None:
    """The company of a validated recruiter whose company is active; None for anyone else.

    The single access rule of the recruiter space: the user is active, has confirmed their address,
    their account is approved and their company is neither pending, refused nor suspended.
    """
    return active_companies(user).first()


def active_company_for_request(request) -> Company | None:
    """``active_company_for(request.user)``, looked up once per request (menus ask for it many times)."""
    if not hasattr(request, "_recruiters_active_company"):
        request._recruiters_active_company = active_company_for(request.user)
    return request._recruiters_active_company


def is_active_recruiter(user) -> bool:
    return active_companies(user).exists()


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
    return (
        Recruiter.objects.filter(company__in=active_companies(user))
        .select_related("user")
        .order_by("user__last_name", "user__email")
    )


def open_invitations(*, user) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        company__in=active_companies(user), accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def pending_join_requests(*, user) -> QuerySet[JoinRequest]:
    """Join requests the user's company may answer (the requester has confirmed their address)."""
    return JoinRequest.objects.filter(
        company__in=active_companies(user), status=JoinRequestStatus.PENDING, user__email_confirmed_at__isnull=False
    ).select_related("user")


def contact_requests(*, user) -> QuerySet[ContactRequest]:
    return ContactRequest.objects.filter(company__in=active_companies(user)).select_related("author")


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


# --- Offers, applications, augmented offers, campaigns (issue 6) -------------------------------------------
# Imported here rather than at the top so the additions of issue 6 stay in one block.
from django.db.models import Count, Exists, OuterRef, Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from portal.reference.text import fold  # noqa: E402

from .choices import AugmentedPlacement, OfferStatus  # noqa: E402
from .models import (  # noqa: E402
    Application,
    AugmentedOfferRule,
    InterviewAnswer,
    InterviewCampaign,
    JobOffer,
)


def offers_for(*, user) -> QuerySet[JobOffer]:
    return JobOffer.objects.filter(company__in=active_companies(user))


def offers_with_counts(*, user) -> QuerySet[JobOffer]:
    """The company's offers with their new (unseen) and total application counts, in one query."""
    return offers_for(user=user).select_related("commune").annotate(
        applications_total=Count("applications", distinct=True),
        applications_new=Count("applications", filter=Q(applications__seen_at__isnull=True), distinct=True),
    )


def applications_for(*, user) -> QuerySet[Application]:
    return (
        Application.objects.filter(company__in=active_companies(user))
        .select_related("offer", "candidate__user", "candidate__home_commune")
        .annotate(
            has_video=Exists(InterviewAnswer.objects.filter(invitation__application=OuterRef("pk"))),
        )
    )


def augmented_rules_for(*, user) -> QuerySet[AugmentedOfferRule]:
    return AugmentedOfferRule.objects.filter(company__in=active_companies(user))


def campaigns_available(*, user) -> QuerySet[InterviewCampaign]:
    """The company's own campaigns and the platform catalogue."""
    return InterviewCampaign.objects.filter(
        Q(company__in=active_companies(user)) | Q(company__isnull=True), active=True
    )


def campaigns_available_to_company(company: Company) -> QuerySet[InterviewCampaign]:
    return InterviewCampaign.objects.filter(Q(company=company) | Q(company__isnull=True), active=True)


def published_offers() -> QuerySet[JobOffer]:
    """Offers the public may see and apply to."""
    return JobOffer.objects.filter(
        status=OfferStatus.PUBLISHED, company__status=CompanyStatus.ACTIVE
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))


def published_offers_for_company(company: Company) -> QuerySet[JobOffer]:
    """For the company page: its offers open to applications, newest first."""
    return published_offers().filter(company=company).select_related("commune").order_by("-published_at")


def public_offer_by_slug(slug: str) -> JobOffer | None:
    """Any offer that was once published (closed/expired ones answer 410), with what its page shows."""
    return (
        JobOffer.objects.exclude(status=OfferStatus.DRAFT)
        .filter(slug=slug, company__status=CompanyStatus.ACTIVE)
        .select_related("company", "company__commune", "commune", "commune__department")
        .prefetch_related("sectors", "languages__language")
        .first()
    )


def rule_matches(rule: AugmentedOfferRule, offer: JobOffer, *, communes: set[str], offers: set[int]) -> bool:
    """Whether an offer meets every condition of the rule (an empty condition does not filter)."""
    if communes and offer.commune_id not in communes:
        return False
    if rule.contract_types and offer.contract_type not in rule.contract_types:
        return False
    if offers and offer.pk not in offers:
        return False
    if rule.keywords:
        haystack = fold(" ".join([offer.title, *offer.job_titles]))
        if not any(fold(word) in haystack for word in rule.keywords):
            return False
    return True


def _rules_with_conditions(company: Company):
    rules = list(
        AugmentedOfferRule.objects.filter(company=company, active=True).prefetch_related(
            "communes", "offers", "images__image"
        )
    )
    return [
        (rule, {c.pk for c in rule.communes.all()}, {o.pk for o in rule.offers.all()}) for rule in rules
    ]


def augmented_media_for_offer(offer: JobOffer) -> dict[str, list[AugmentedOfferRule]]:
    """The company's rules matching the offer, grouped by placement."""
    placements = {value: [] for value in AugmentedPlacement.values}
    for rule, communes, offers in _rules_with_conditions(offer.company):
        if rule_matches(rule, offer, communes=communes, offers=offers):
            placements[rule.placement].append(rule)
    return placements


def offers_matching_rule(rule: AugmentedOfferRule) -> list[JobOffer]:
    """The company's published offers the rule applies to now."""
    communes = {c.pk for c in rule.communes.all()}
    offers = {o.pk for o in rule.offers.all()}
    candidates = published_offers().filter(company_id=rule.company_id).select_related("commune")
    return [offer for offer in candidates if rule_matches(rule, offer, communes=communes, offers=offers)]


def company_published_offers(*, company: Company) -> QuerySet[JobOffer]:
    """The contract the company page (cms) reads: ``published_offers_for_company`` by keyword."""
    return published_offers_for_company(company)
