from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.reference.models import Commune, NafSector

from ..choices import CompanyStatus, CompanyType, DecisionAction, JoinRequestStatus, RecruiterStatus
from ..validators import format_phone, format_siren, validate_e164_phone, validate_siren


class Company(models.Model):
    """An employer on the platform. It owns everything its recruiters create."""

    name = models.CharField("nom de l'entreprise", max_length=255)
    siren = models.CharField("numéro SIREN", max_length=9, validators=[validate_siren])
    head_office_address = models.CharField("adresse du siège social", max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name="ville",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="companies",
    )
    phone = models.CharField("téléphone", max_length=20, blank=True, validators=[validate_e164_phone])
    naf_sector = models.ForeignKey(
        NafSector,
        verbose_name="secteur",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="companies",
    )
    company_type = models.CharField(
        "type d'entreprise", max_length=16, choices=CompanyType.choices, blank=True
    )
    status = models.CharField(
        "statut", max_length=16, choices=CompanyStatus.choices, default=CompanyStatus.PENDING, db_index=True
    )
    created_at = models.DateTimeField("inscrite le", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    validated_at = models.DateTimeField("validée le", null=True, blank=True)

    class Meta:
        verbose_name = "entreprise"
        verbose_name_plural = "entreprises"
        ordering = ["name"]
        constraints = [
            # A refused sign-up must not lock its SIREN out: only live companies are unique.
            models.UniqueConstraint(
                fields=["siren"],
                condition=~Q(status=CompanyStatus.REJECTED),
                name="recruiters_company_unique_live_siren",
                violation_error_message="Une entreprise avec ce numéro SIREN est déjà inscrite sur la plateforme.",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == CompanyStatus.ACTIVE

    @property
    def siren_display(self) -> str:
        return format_siren(self.siren)

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)


class Recruiter(models.Model):
    """A user's membership of a company, with its validation status."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur",
        on_delete=models.CASCADE,
        related_name="recruiter",
    )
    company = models.ForeignKey(
        Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="recruiters"
    )
    status = models.CharField(
        "statut",
        max_length=16,
        choices=RecruiterStatus.choices,
        default=RecruiterStatus.PENDING,
        db_index=True,
    )
    is_founder = models.BooleanField("a inscrit l'entreprise", default=False)
    communications_consent = models.BooleanField("accepte les communications", default=False)
    cgu_accepted_at = models.DateTimeField("CGU acceptées le", null=True, blank=True)
    created_at = models.DateTimeField("inscrit le", default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField("statut modifié le", default=timezone.now)

    class Meta:
        verbose_name = "compte recruteur"
        verbose_name_plural = "comptes recruteurs"
        ordering = ["-created_at"]
        permissions = [("moderate_recruiter", "Peut valider, refuser ou suspendre des comptes recruteurs")]

    def __str__(self):
        return f"{self.user} ({self.company})"

    @property
    def is_approved(self) -> bool:
        return self.status == RecruiterStatus.APPROVED


class ValidationDecision(models.Model):
    """Who decided what about a recruiter account or a whole company, when and why."""

    company = models.ForeignKey(
        Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="decisions"
    )
    # Empty when the decision concerns the whole company.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="recruteur concerné",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField("décision", max_length=16, choices=DecisionAction.choices)
    reason = models.CharField("motif", max_length=32, blank=True)
    reason_label = models.CharField("libellé du motif", max_length=255, blank=True)
    details = models.TextField("précisions", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidé par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("décidé le", default=timezone.now)

    class Meta:
        verbose_name = "décision de modération"
        verbose_name_plural = "décisions de modération"
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        target = self.user or self.company
        return f"{self.get_action_display()} : {target}"


class Invitation(models.Model):
    """A recruiter's invitation for a colleague to join the company."""

    company = models.ForeignKey(
        Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("adresse électronique")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="invité par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("envoyée le", default=timezone.now)
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="acceptée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField("annulée le", null=True, blank=True)

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="recruiters_invitation_unique_open",
                violation_error_message="Une invitation est déjà en cours pour cette adresse.",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.company}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class JoinRequest(models.Model):
    """Someone who signed up with an already registered SIREN and asks to join that company."""

    company = models.ForeignKey(
        Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandeur",
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    status = models.CharField(
        "statut", max_length=16, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    communications_consent = models.BooleanField("accepte les communications", default=False)
    cgu_accepted_at = models.DateTimeField("CGU acceptées le", null=True, blank=True)
    created_at = models.DateTimeField("demandée le", default=timezone.now)
    decided_at = models.DateTimeField("traitée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="traitée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "demande de rattachement"
        verbose_name_plural = "demandes de rattachement"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status=JoinRequestStatus.PENDING),
                name="recruiters_joinrequest_one_pending_per_user",
                violation_error_message="Une demande de rattachement est déjà en cours pour ce compte.",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.company}"
