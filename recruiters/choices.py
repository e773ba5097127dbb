from django.db import models


class CompanyStatus(models.TextChoices):
    PENDING = "pending", "En attente de validation"
    ACTIVE = "active", "Validée"
    REJECTED = "rejected", "Refusée"
    SUSPENDED = "suspended", "Suspendue"


class RecruiterStatus(models.TextChoices):
    PENDING = "pending", "En attente de validation"
    APPROVED = "approved", "Validé"
    REJECTED = "rejected", "Refusé"
    SUSPENDED = "suspended", "Suspendu"


class CompanyType(models.TextChoices):
    TPE = "tpe", "TPE (moins de 10 salariés)"
    PME = "pme", "PME (10 à 249 salariés)"
    ETI = "eti", "ETI (250 à 4 999 salariés)"
    LARGE = "large", "Grande entreprise (5 000 salariés et plus)"
    ASSOCIATION = "association", "Association"
    PUBLIC = "public", "Secteur public"
    AGENCY = "agency", "Agence d'intérim ou cabinet de recrutement"


class DecisionAction(models.TextChoices):
    APPROVE = "approve", "Validation"
    REJECT = "reject", "Refus"
    SUSPEND = "suspend", "Suspension"
    REACTIVATE = "reactivate", "Réactivation"


class RejectionReason(models.TextChoices):
    SIREN_MISMATCH = "siren_mismatch", "Le numéro SIREN ne correspond pas à l'entreprise indiquée"
    INCOMPLETE = "incomplete", "Informations incomplètes ou incohérentes"
    NOT_A_RECRUITER = "not_a_recruiter", "Le compte ne correspond pas à une activité de recrutement"
    DUPLICATE = "duplicate", "Doublon d'un compte existant"
    OUT_OF_SCOPE = "out_of_scope", "Entreprise hors du périmètre de la plateforme"
    OTHER = "other", "Autre motif (précisé ci-dessous)"


class SuspensionReason(models.TextChoices):
    ABUSE = "abuse", "Usage abusif de la plateforme ou de la CVthèque"
    COMPLAINT = "complaint", "Signalement de candidats"
    COMPANY_CLOSED = "company_closed", "Entreprise fermée ou radiée"
    REQUESTED = "requested", "À la demande de l'entreprise"
    OTHER = "other", "Autre motif (précisé ci-dessous)"


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    ACCEPTED = "accepted", "Acceptée"
    DECLINED = "declined", "Refusée"


class RecruiterState(models.TextChoices):
    """Where a user stands in the recruiter space; drives the screens shown after login."""

    NONE = "none", "Pas de compte recruteur"
    UNCONFIRMED = "unconfirmed", "Adresse électronique non confirmée"
    PENDING = "pending", "En attente de validation"
    JOIN_PENDING = "join_pending", "Demande de rattachement en attente"
    REJECTED = "rejected", "Refusé"
    SUSPENDED = "suspended", "Suspendu"
    ACTIVE = "active", "Actif"
