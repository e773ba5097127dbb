"""Every write workflow of the recruiter space: sign-up, moderation, colleagues, contact requests."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from portal.accounts.choices import Role
from portal.accounts.emails import absolute_url, send_templated_email
from portal.accounts.services import email_confirmation_url, password_set_url

from .choices import (
    CompanyStatus,
    DecisionAction,
    JoinRequestStatus,
    RecruiterStatus,
    RejectionReason,
    SuspensionReason,
)
from .models import (
    Company,
    ContactRequest,
    Invitation,
    JoinRequest,
    Recruiter,
    RecruiterHomeSettings,
    SignupDraft,
    ValidationDecision,
)
from .selectors import (
    active_company_for,
    active_recruiter_emails,
    is_active_recruiter,
    live_company_with_siren,
    pending_join_request_for,
    recruiter_for,
    user_by_email,
)
from .validators import normalize_phone, normalize_siren

logger = logging.getLogger(__name__)

RECRUITERS_GROUP = "Recruteurs"
MODERATORS_GROUP = "Modérateurs"
SIGNUP_DRAFT_MAX_AGE = timedelta(days=30)
INVITATION_SALT = "recruiters.invitation"
INVITATION_MAX_AGE = timedelta(days=14)

SIREN_TAKEN = (
    "Une entreprise avec ce numéro SIREN est déjà inscrite sur la plateforme. "
    "Vous pouvez demander à la rejoindre : ses recruteurs recevront votre demande."
)
CGU_REQUIRED = "Vous devez accepter les conditions générales d'utilisation pour créer votre compte."


# --- Groups --------------------------------------------------------------------------------------------

def _permissions(*codenames_by_model) -> list[Permission]:
    """Permissions by (model, [actions]); created if post_migrate has not reached them yet."""
    found = []
    for model, actions in codenames_by_model:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
        for action in actions:
            codename = action if "_" in action else f"{action}_{model._meta.model_name}"
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
            )
            found.append(permission)
    return found


def _access_admin_permission() -> Permission:
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    return permission


def recruiters_group() -> Group:
    """Validated recruiters: access to the Wagtail admin and nothing else; their views check the company."""
    group, _ = Group.objects.get_or_create(name=RECRUITERS_GROUP)
    group.permissions.add(_access_admin_permission())
    return group


def moderators_group() -> Group:
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(
        _access_admin_permission(),
        *_permissions(
            (Recruiter, ["view", "change", "moderate_recruiter"]),
            (Company, ["view", "change"]),
            (JoinRequest, ["view", "change"]),
            (ContactRequest, ["view", "change"]),
            (ValidationDecision, ["view"]),
            (RecruiterHomeSettings, ["change"]),
        ),
    )
    return group


def groups_setup() -> None:
    """Create the "Recruteurs" and "Modérateurs" groups with their permissions (idempotent)."""
    with transaction.atomic():
        recruiters_group()
        moderators_group()


def moderator_grant(*, user) -> None:
    """Make a user editorial staff able to moderate recruiter accounts."""
    with transaction.atomic():
        user.is_staff = True
        if not user.is_superuser:
            user.role = Role.EDITOR
        user.save(update_fields=["is_staff", "role"])
        user.groups.add(moderators_group())


def _sync_admin_access(user) -> None:
    # Admin access follows the account state; the views check the company again on every request.
    group = recruiters_group()
    if is_active_recruiter(user):
        user.groups.add(group)
    else:
        user.groups.remove(group)


# --- Sign-up ---------------------------------------------------------------------------------------------

def _normalize_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError(
            {"email": "Saisissez une adresse électronique valide, par exemple nom@entreprise.fr."}
        ) from exc
    return email


def signup_draft_start(*, email: str, password: str) -> SignupDraft:
    """Step 1: check the password and open (or reopen) the visitor's draft.

    A draft is reopened only with the same address and password, so a returning visitor finds step 2
    as they left it and nobody else can read it.
    """
    email = _normalize_email(email)
    try:
        validate_password(password, user=get_user_model()(email=email))
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    SignupDraft.objects.filter(updated_at__lt=timezone.now() - SIGNUP_DRAFT_MAX_AGE).delete()
    for draft in SignupDraft.objects.filter(email=email).order_by("-updated_at")[:5]:
        if check_password(password, draft.password_hash):
            return draft
    return SignupDraft.objects.create(email=email, password_hash=make_password(password))


def signup_draft_save(*, draft: SignupDraft, data: dict) -> None:
    draft.data = {key: value for key, value in data.items() if isinstance(value, str)}
    draft.save(update_fields=["data", "updated_at"])


def _send_existing_account_email(email: str) -> None:
    # Same screen for the visitor whether or not the address is known; only the mailbox owner learns it.
    send_templated_email(
        to=email,
        template="recruiters/emails/signup_existing_account",
        context={
            "login_url": absolute_url(reverse("recruiters:login")),
            "reset_url": absolute_url(reverse("accounts:password_reset")),
        },
    )


def _new_user(*, draft: SignupDraft, first_name: str, last_name: str):
    user = get_user_model()(
        email=draft.email, first_name=first_name.strip(), last_name=last_name.strip(), password=draft.password_hash
    )
    user.full_clean()
    user.save()
    return user


def recruiter_signup(
    *,
    draft: SignupDraft,
    first_name: str,
    last_name: str,
    company_name: str,
    head_office_address: str,
    commune,
    phone: str,
    siren: str,
    naf_sector,
    company_type: str,
    communications_consent: bool,
    cgu_accepted: bool,
) -> Recruiter | None:
    """Step 2: create the pending account and company and send the confirmation link.

    Returns None when the address already has an account: its owner gets an e-mail instead.
    """
    if not cgu_accepted:
        raise ValidationError({"cgu_accepted": CGU_REQUIRED})
    try:
        siren = normalize_siren(siren)
    except ValidationError as exc:
        raise ValidationError({"siren": exc.messages}) from exc
    try:
        phone = normalize_phone(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc

    with transaction.atomic():
        if user_by_email(draft.email) is not None:
            _send_existing_account_email(draft.email)
            draft.delete()
            return None
        if live_company_with_siren(siren) is not None:
            raise ValidationError({"siren": SIREN_TAKEN}, code="siren_taken")
        try:
            with transaction.atomic():
                user = _new_user(draft=draft, first_name=first_name, last_name=last_name)
                company = Company(
                    name=company_name.strip(),
                    siren=siren,
                    head_office_address=head_office_address.strip(),
                    commune=commune,
                    phone=phone,
                    naf_sector=naf_sector,
                    company_type=company_type,
                )
                company.full_clean()
                company.save()
                recruiter = Recruiter(
                    user=user,
                    company=company,
                    is_founder=True,
                    communications_consent=communications_consent,
                    cgu_accepted_at=timezone.now(),
                )
                recruiter.full_clean()
                recruiter.save()
        except IntegrityError as exc:
            # Two sign-ups with the same SIREN at the same moment: the constraint decides.
            raise ValidationError({"siren": SIREN_TAKEN}, code="siren_taken") from exc
        _send_confirmation(user)
        draft.delete()
    return recruiter


def join_request_submit(
    *,
    draft: SignupDraft,
    first_name: str,
    last_name: str,
    siren: str,
    communications_consent: bool,
    cgu_accepted: bool,
) -> JoinRequest | None:
    """Sign up to join an already registered company; its recruiters (or staff) accept or decline."""
    if not cgu_accepted:
        raise ValidationError({"cgu_accepted": CGU_REQUIRED})
    try:
        siren = normalize_siren(siren)
    except ValidationError as exc:
        raise ValidationError({"siren": exc.messages}) from exc
    with transaction.atomic():
        company = live_company_with_siren(siren)
        if company is None:
            raise ValidationError({"siren": "Aucune entreprise n'est inscrite avec ce numéro SIREN."})
        if user_by_email(draft.email) is not None:
            _send_existing_account_email(draft.email)
            draft.delete()
            return None
        user = _new_user(draft=draft, first_name=first_name, last_name=last_name)
        join_request = JoinRequest(
            company=company, user=user, communications_consent=communications_consent, cgu_accepted_at=timezone.now()
        )
        join_request.full_clean()
        join_request.save()
        _send_confirmation(user)
        draft.delete()
    return join_request


def _send_confirmation(user) -> None:
    join_request = pending_join_request_for(user)
    if join_request is not None:
        next_url = reverse("recruiters:join_confirmed")
        template = "recruiters/emails/join_confirm"
    else:
        next_url = reverse("recruiters:signup_confirmed")
        template = "recruiters/emails/signup_confirm"
    send_templated_email(
        to=user.email,
        template=template,
        context={
            "user": user,
            "join_request": join_request,
            "confirm_url": email_confirmation_url(user=user, next_url=next_url),
        },
    )


def confirmation_resend(*, user) -> bool:
    """Send the confirmation link again; False when there is nothing to confirm."""
    if user.email_confirmed_at is not None:
        return False
    if recruiter_for(user) is None and pending_join_request_for(user) is None:
        return False
    _send_confirmation(user)
    return True


def recruiter_email_confirmed(*, user) -> None:
    """After the address is confirmed: tell the recruiter their account awaits validation, tell staff."""
    recruiter = recruiter_for(user)
    if recruiter is not None and recruiter.status == RecruiterStatus.PENDING:
        send_templated_email(
            to=user.email, template="recruiters/emails/account_pending", context={"recruiter": recruiter}
        )
        send_templated_email(
            to=settings.PLATFORM_TEAM_EMAIL,
            template="recruiters/emails/staff_new_account",
            context={"recruiter": recruiter, "admin_url": absolute_url(_moderation_url(recruiter))},
        )
        return
    join_request = pending_join_request_for(user)
    if join_request is not None:
        recipients = active_recruiter_emails(join_request.company) or [settings.PLATFORM_TEAM_EMAIL]
        send_templated_email(
            to=recipients,
            template="recruiters/emails/join_request_received",
            context={
                "join_request": join_request,
                "team_url": absolute_url(reverse("recruiters_admin:team")),
            },
        )


def _moderation_url(recruiter: Recruiter) -> str:
    return reverse("recruiters_recruiter_modeladmin_inspect", args=[recruiter.pk])


# --- Moderation -----------------------------------------------------------------------------------------

def _decision(*, company, user, action, decided_by, reason="", reason_label="", details="") -> ValidationDecision:
    decision = ValidationDecision(
        company=company,
        user=user,
        action=action,
        reason=reason,
        reason_label=reason_label,
        details=details.strip(),
        decided_by=decided_by,
    )
    decision.full_clean()
    decision.save()
    return decision


def _reason(reason: str, details: str, choices) -> str:
    if reason not in choices.values:
        raise ValidationError({"reason": "Choisissez un motif dans la liste."})
    if reason == choices.OTHER and not (details or "").strip():
        raise ValidationError({"details": "Précisez le motif : il sera communiqué au recruteur."})
    return str(choices(reason).label)


def _locked(recruiter: Recruiter) -> Recruiter:
    return Recruiter.objects.select_for_update().select_related("user", "company").get(pk=recruiter.pk)


def _set_status(recruiter: Recruiter, status: str) -> None:
    recruiter.status = status
    recruiter.status_changed_at = timezone.now()
    recruiter.save(update_fields=["status", "status_changed_at"])


def _already_decided(recruiter: Recruiter) -> ValidationError:
    return ValidationError(
        f"Ce compte a déjà été traité (statut : {recruiter.get_status_display().lower()}) : "
        "votre décision n'a pas été enregistrée."
    )


def _approve(recruiter: Recruiter, decided_by, *, despite_refusal: bool = False) -> Recruiter:
    # The row is locked and its status read again: a decision taken on a page shown before a colleague's
    # decision does not apply on top of it.
    recruiter = _locked(recruiter)
    company = recruiter.company
    if recruiter.status == RecruiterStatus.APPROVED:
        raise ValidationError("Ce compte est déjà validé.")
    if recruiter.status == RecruiterStatus.SUSPENDED:
        raise ValidationError("Ce compte est suspendu : utilisez « Réactiver ».")
    if recruiter.status != (RecruiterStatus.REJECTED if despite_refusal else RecruiterStatus.PENDING):
        raise _already_decided(recruiter)
    if recruiter.user.email_confirmed_at is None:
        raise ValidationError(
            "L'adresse électronique de ce compte n'est pas encore confirmée : le recruteur doit d'abord "
            "ouvrir le lien reçu par courriel."
        )
    if company.status == CompanyStatus.SUSPENDED:
        raise ValidationError("L'entreprise de ce compte est suspendue : réactivez-la d'abord.")
    if company.status != CompanyStatus.ACTIVE:
        other = live_company_with_siren(company.siren)
        if other is not None and other.pk != company.pk:
            raise ValidationError(
                f"Une autre entreprise est déjà inscrite avec ce numéro SIREN ({other.name}) : "
                "ce compte ne peut pas être validé."
            )
        company.status = CompanyStatus.ACTIVE
        company.validated_at = timezone.now()
        company.save(update_fields=["status", "validated_at", "updated_at"])
    _set_status(recruiter, RecruiterStatus.APPROVED)
    recruiter.user.role = Role.RECRUITER
    recruiter.user.save(update_fields=["role"])
    _decision(company=company, user=recruiter.user, action=DecisionAction.APPROVE, decided_by=decided_by)
    _sync_admin_access(recruiter.user)
    return recruiter


def recruiter_approve(*, recruiter: Recruiter, decided_by, despite_refusal: bool = False) -> Recruiter:
    """Validate a pending account (or, with despite_refusal, a refused one): recruiter role, active company,
    e-mail."""
    with transaction.atomic():
        recruiter = _approve(recruiter, decided_by, despite_refusal=despite_refusal)
        send_templated_email(
            to=recruiter.user.email,
            template="recruiters/emails/account_approved",
            context={"recruiter": recruiter, "login_url": absolute_url(reverse("recruiters:login"))},
        )
    return recruiter


def recruiter_reject(*, recruiter: Recruiter, decided_by, reason: str, details: str = "") -> Recruiter:
    reason_label = _reason(reason, details, RejectionReason)
    with transaction.atomic():
        recruiter = _locked(recruiter)
        if recruiter.status == RecruiterStatus.APPROVED:
            raise ValidationError(
                "Ce compte a déjà été validé : votre refus n'a pas été enregistré. Pour lui retirer l'accès, "
                "suspendez plutôt ce compte validé."
            )
        if recruiter.status != RecruiterStatus.PENDING:
            raise _already_decided(recruiter)
        _set_status(recruiter, RecruiterStatus.REJECTED)
        company = recruiter.company
        if company.status == CompanyStatus.PENDING and not company.recruiters.exclude(
            status=RecruiterStatus.REJECTED
        ).exists():
            # Nobody is left to vouch for it: the company is refused too and its SIREN freed.
            company.status = CompanyStatus.REJECTED
            company.save(update_fields=["status", "updated_at"])
        decision = _decision(
            company=company,
            user=recruiter.user,
            action=DecisionAction.REJECT,
            decided_by=decided_by,
            reason=reason,
            reason_label=reason_label,
            details=details,
        )
        _sync_admin_access(recruiter.user)
        send_templated_email(
            to=recruiter.user.email,
            template="recruiters/emails/account_rejected",
            context={"recruiter": recruiter, "decision": decision, "team_email": settings.PLATFORM_TEAM_EMAIL},
        )
    return recruiter


def recruiter_suspend(*, recruiter: Recruiter, decided_by, reason: str, details: str = "") -> Recruiter:
    reason_label = _reason(reason, details, SuspensionReason)
    with transaction.atomic():
        recruiter = _locked(recruiter)
        if recruiter.status != RecruiterStatus.APPROVED:
            raise ValidationError("Seul un compte validé peut être suspendu.")
        _set_status(recruiter, RecruiterStatus.SUSPENDED)
        decision = _decision(
            company=recruiter.company,
            user=recruiter.user,
            action=DecisionAction.SUSPEND,
            decided_by=decided_by,
            reason=reason,
            reason_label=reason_label,
            details=details,
        )
        _sync_admin_access(recruiter.user)
        send_templated_email(
            to=recruiter.user.email,
            template="recruiters/emails/account_suspended",
            context={"recruiter": recruiter, "decision": decision, "team_email": settings.PLATFORM_TEAM_EMAIL},
        )
    return recruiter


def recruiter_reactivate(*, recruiter: Recruiter, decided_by) -> Recruiter:
    with transaction.atomic():
        recruiter = _locked(recruiter)
        if recruiter.status != RecruiterStatus.SUSPENDED:
            raise ValidationError("Seul un compte suspendu peut être réactivé.")
        _set_status(recruiter, RecruiterStatus.APPROVED)
        _decision(
            company=recruiter.company, user=recruiter.user, action=DecisionAction.REACTIVATE, decided_by=decided_by
        )
        _sync_admin_access(recruiter.user)
        send_templated_email(
            to=recruiter.user.email,
            template="recruiters/emails/account_reactivated",
            context={"recruiter": recruiter, "login_url": absolute_url(reverse("recruiters:login"))},
        )
    return recruiter


def _company_members(company: Company):
    return [r.user for r in company.recruiters.select_related("user")]


def company_suspend(*, company: Company, decided_by, reason: str, details: str = "") -> Company:
    """Suspend a whole company: none of its recruiters can use the recruiter space until reactivation."""
    reason_label = _reason(reason, details, SuspensionReason)
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=company.pk)
        if company.status != CompanyStatus.ACTIVE:
            raise ValidationError("Seule une entreprise validée peut être suspendue.")
        company.status = CompanyStatus.SUSPENDED
        company.save(update_fields=["status", "updated_at"])
        decision = _decision(
            company=company,
            user=None,
            action=DecisionAction.SUSPEND,
            decided_by=decided_by,
            reason=reason,
            reason_label=reason_label,
            details=details,
        )
        members = _company_members(company)
        for user in members:
            _sync_admin_access(user)
        recipients = [u.email for u in members if u.email_confirmed_at]
        if recipients:
            send_templated_email(
                to=recipients,
                template="recruiters/emails/company_suspended",
                context={"company": company, "decision": decision, "team_email": settings.PLATFORM_TEAM_EMAIL},
            )
    return company


def company_reactivate(*, company: Company, decided_by) -> Company:
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=company.pk)
        if company.status != CompanyStatus.SUSPENDED:
            raise ValidationError("Seule une entreprise suspendue peut être réactivée.")
        company.status = CompanyStatus.ACTIVE
        company.save(update_fields=["status", "updated_at"])
        _decision(company=company, user=None, action=DecisionAction.REACTIVATE, decided_by=decided_by)
        members = _company_members(company)
        for user in members:
            _sync_admin_access(user)
        recipients = active_recruiter_emails(company)
        if recipients:
            send_templated_email(
                to=recipients,
                template="recruiters/emails/company_reactivated",
                context={"company": company, "login_url": absolute_url(reverse("recruiters:login"))},
            )
    return company


def recruiter_create(
    *,
    email: str,
    company_name: str,
    siren: str,
    commune=None,
    head_office_address: str = "",
    phone: str = "",
    naf_sector=None,
    company_type: str = "",
    first_name: str = "",
    last_name: str = "",
    approve: bool = False,
    decided_by=None,
) -> Recruiter:
    """For operators: create a recruiter and its company, optionally approved, and mail a password link."""
    email = _normalize_email(email)
    if not (company_name or "").strip():
        raise ValidationError({"company_name": "Indiquez le nom de l'entreprise."})
    try:
        siren = normalize_siren(siren)
    except ValidationError as exc:
        raise ValidationError({"siren": exc.messages}) from exc
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValidationError as exc:
            raise ValidationError({"phone": exc.messages}) from exc
    with transaction.atomic():
        if user_by_email(email) is not None:
            raise ValidationError({"email": "Un compte existe déjà avec cette adresse électronique."})
        if live_company_with_siren(siren) is not None:
            raise ValidationError({"siren": "Une entreprise avec ce numéro SIREN est déjà inscrite."})
        user = get_user_model()(email=email, first_name=first_name, last_name=last_name,
                                email_confirmed_at=timezone.now())
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        company = Company(
            name=company_name.strip(),
            siren=siren,
            head_office_address=head_office_address,
            commune=commune,
            phone=phone,
            naf_sector=naf_sector,
            company_type=company_type,
        )
        company.full_clean()
        company.save()
        recruiter = Recruiter(user=user, company=company, is_founder=True)
        recruiter.full_clean()
        recruiter.save()
        if approve:
            recruiter = _approve(recruiter, decided_by)
        send_templated_email(
            to=email,
            template="recruiters/emails/recruiter_created",
            context={"recruiter": recruiter, "approved": approve, "password_url": password_set_url(user=user)},
        )
    return recruiter


# --- Colleagues -----------------------------------------------------------------------------------------

def _require_company(user) -> Company:
    company = active_company_for(user)
    if company is None:
        raise PermissionDenied("Réservé aux recruteurs validés.")
    return company


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email}, salt=INVITATION_SALT, compress=True)


def invitation_from_token(token: str) -> Invitation | None:
    """The open invitation behind a link, or None when the link is forged, expired, used or revoked."""
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    return (
        Invitation.objects.select_related("company", "invited_by")
        .filter(pk=payload.get("i"), email=payload.get("e"), accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )


def colleague_invite(*, invited_by, email: str) -> Invitation:
    company = _require_company(invited_by)
    email = _normalize_email(email)
    with transaction.atomic():
        if Recruiter.objects.filter(company=company, user__email__iexact=email).exists():
            raise ValidationError({"email": "Cette personne fait déjà partie de votre équipe."})
        if Invitation.objects.filter(
            company=company, email=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).exists():
            raise ValidationError({"email": "Une invitation est déjà en cours pour cette adresse."})
        invitation = Invitation(company=company, email=email, invited_by=invited_by)
        invitation.full_clean()
        invitation.save()
        send_templated_email(
            to=email,
            template="recruiters/emails/invitation",
            context={
                "invitation": invitation,
                "accept_url": absolute_url(
                    reverse("recruiters:invitation_accept", kwargs={"token": invitation_token(invitation)})
                ),
                "max_age_days": INVITATION_MAX_AGE.days,
            },
            reply_to=[invited_by.email],
        )
    return invitation


def invitation_revoke(*, invitation: Invitation, user) -> Invitation:
    company = _require_company(user)
    if invitation.company_id != company.pk:
        raise PermissionDenied
    if not invitation.is_open:
        raise ValidationError("Cette invitation n'est plus en cours.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


def _join_company(*, user, company: Company) -> Recruiter:
    membership = recruiter_for(user)
    if membership is not None:
        if membership.company_id == company.pk:
            raise ValidationError(f"Votre compte fait déjà partie de l'équipe {company.name}.")
        raise ValidationError(
            f"Votre compte est déjà rattaché à l'entreprise {membership.company.name}. "
            "Quittez d'abord cette entreprise (Paramètres > Équipe) ou utilisez une autre adresse."
        )
    if company.status != CompanyStatus.ACTIVE:
        raise ValidationError("Cette entreprise n'est pas active sur la plateforme pour le moment.")
    recruiter = Recruiter(user=user, company=company, status=RecruiterStatus.APPROVED, cgu_accepted_at=timezone.now())
    recruiter.full_clean()
    recruiter.save()
    if user.role != Role.EDITOR:
        user.role = Role.RECRUITER
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
    user.save(update_fields=["role", "email_confirmed_at"])
    _sync_admin_access(user)
    return recruiter


def invitation_accept(
    *, invitation: Invitation, user=None, first_name: str = "", last_name: str = "", password: str = ""
):
    """Join the inviting company: as the logged-in user, or as a new account created here.

    Opening the link proves the address, so no further confirmation or staff validation is needed.
    Returns the new membership.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("company").get(pk=invitation.pk)
        if not invitation.is_open:
            raise ValidationError("Cette invitation a déjà été utilisée ou a été annulée.")
        if user is None:
            if user_by_email(invitation.email) is not None:
                raise ValidationError("Un compte existe déjà pour cette adresse : connectez-vous pour accepter.")
            if not first_name.strip() or not last_name.strip():
                raise ValidationError("Indiquez votre prénom et votre nom.")
            new_user = get_user_model()(email=invitation.email, first_name=first_name.strip(),
                                        last_name=last_name.strip())
            try:
                validate_password(password, user=new_user)
            except ValidationError as exc:
                raise ValidationError({"password": exc.messages}) from exc
            new_user.set_password(password)
            new_user.full_clean(exclude=["password"])
            new_user.save()
            user = new_user
        elif user.email.lower() != invitation.email.lower():
            raise ValidationError(
                f"Cette invitation a été envoyée à {invitation.email} : connectez-vous avec cette adresse."
            )
        recruiter = _join_company(user=user, company=invitation.company)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        if invitation.invited_by and invitation.invited_by.email:
            send_templated_email(
                to=invitation.invited_by.email,
                template="recruiters/emails/invitation_accepted",
                context={"invitation": invitation, "member": user},
            )
    return recruiter


def join_request_accept(*, join_request: JoinRequest, decided_by) -> Recruiter:
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().select_related("company", "user").get(
            pk=join_request.pk
        )
        if join_request.status != JoinRequestStatus.PENDING:
            raise ValidationError("Cette demande a déjà été traitée.")
        if join_request.user.email_confirmed_at is None:
            raise ValidationError("Le demandeur n'a pas encore confirmé son adresse électronique.")
        recruiter = _join_company(user=join_request.user, company=join_request.company)
        recruiter.communications_consent = join_request.communications_consent
        recruiter.save(update_fields=["communications_consent"])
        join_request.status = JoinRequestStatus.ACCEPTED
        join_request.decided_at = timezone.now()
        join_request.decided_by = decided_by
        join_request.save(update_fields=["status", "decided_at", "decided_by"])
        send_templated_email(
            to=join_request.user.email,
            template="recruiters/emails/join_request_accepted",
            context={"join_request": join_request, "login_url": absolute_url(reverse("recruiters:login"))},
        )
    return recruiter


def join_request_decline(*, join_request: JoinRequest, decided_by) -> JoinRequest:
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().select_related("company", "user").get(
            pk=join_request.pk
        )
        if join_request.status != JoinRequestStatus.PENDING:
            raise ValidationError("Cette demande a déjà été traitée.")
        join_request.status = JoinRequestStatus.DECLINED
        join_request.decided_at = timezone.now()
        join_request.decided_by = decided_by
        join_request.save(update_fields=["status", "decided_at", "decided_by"])
        send_templated_email(
            to=join_request.user.email,
            template="recruiters/emails/join_request_declined",
            context={"join_request": join_request, "team_email": settings.PLATFORM_TEAM_EMAIL},
        )
    return join_request


def recruiter_leave(*, user) -> Company:
    """Leave the company. What the recruiter created stays with the company; the last recruiter stays."""
    with transaction.atomic():
        company = _require_company(user)
        others = Recruiter.objects.filter(
            company=company, status=RecruiterStatus.APPROVED, user__is_active=True
        ).exclude(user=user)
        if not others.exists():
            raise ValidationError(
                "Vous êtes le dernier recruteur de votre entreprise : invitez d'abord un collègue, "
                "ou contactez l'équipe de la plateforme pour fermer le compte de l'entreprise."
            )
        Recruiter.objects.filter(user=user).delete()
        if user.role == Role.RECRUITER:
            user.role = Role.CANDIDATE
            user.save(update_fields=["role"])
        _sync_admin_access(user)
    return company


# --- Contact --------------------------------------------------------------------------------------------

def contact_request_submit(*, user, subject: str, message: str, callback_phone: str = "") -> ContactRequest:
    company = _require_company(user)
    if callback_phone:
        try:
            callback_phone = normalize_phone(callback_phone)
        except ValidationError as exc:
            raise ValidationError({"callback_phone": exc.messages}) from exc
    with transaction.atomic():
        contact = ContactRequest(
            company=company, author=user, subject=subject.strip(), message=message.strip(),
            callback_phone=callback_phone,
        )
        contact.full_clean()
        contact.save()
        send_templated_email(
            to=settings.PLATFORM_TEAM_EMAIL,
            template="recruiters/emails/contact_request",
            context={
                "contact": contact,
                "admin_url": absolute_url(reverse("recruiters_contactrequest_modeladmin_inspect", args=[contact.pk])),
            },
            reply_to=[user.email],
        )
    return contact


def contact_request_mark_handled(*, contact: ContactRequest) -> ContactRequest:
    if contact.handled_at is None:
        contact.handled_at = timezone.now()
        contact.save(update_fields=["handled_at"])
    return contact
