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


class OfferStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publiée"
    CLOSED = "closed", "Clôturée"
    EXPIRED = "expired", "Expirée"


class ApplicationStatus(models.TextChoices):
    NEW = "new", "Nouvelle"
    TO_CONTACT = "to_contact", "À contacter"
    INTERVIEW = "interview", "Entretien"
    HIRED = "hired", "Embauché"
    REJECTED = "rejected", "Écarté"


class ApplicationEventKind(models.TextChoices):
    SUBMITTED = "submitted", "Candidature reçue"
    STATUS_CHANGED = "status_changed", "Statut modifié"
    COMMENTED = "commented", "Commentaire ajouté"
    EMAIL_SENT = "email_sent", "E-mail envoyé au candidat"
    INVITED = "invited", "Invitation Visiotalent envoyée"
    VIDEO_COMPLETED = "video_completed", "Entretien vidéo terminé"
    SEEN = "seen", "Consultée"


class EmailTemplateKind(models.TextChoices):
    INTERVIEW = "interview", "Invitation à un entretien"
    REFUSAL = "refusal", "Refus avec motif"


class NotificationFrequency(models.TextChoices):
    IMMEDIATE = "immediate", "À chaque candidature"
    DAILY = "daily", "Un récapitulatif par jour"
    NONE = "none", "Aucune notification"


class AugmentedPlacement(models.TextChoices):
    TOP = "top", "En haut de l'offre"
    AFTER_DESCRIPTION = "after_description", "Après la description"
    BOTTOM = "bottom", "En bas de l'offre"
    SIDE = "side", "Colonne latérale"


class AugmentedMediaType(models.TextChoices):
    IMAGE = "image", "Image"
    SLIDESHOW = "slideshow", "Diaporama"
    VIDEO = "video", "Vidéo"


class InvitationStatus(models.TextChoices):
    INVITED = "invited", "Invité"
    IN_PROGRESS = "in_progress", "En cours"
    COMPLETED = "completed", "Terminé"
    EXPIRED = "expired", "Expiré"


# Fields the completeness indicator weighs, with the French label of what is missing.
OFFER_COMPLETENESS_FIELDS = (
    ("description", "une description du poste"),
    ("missions", "les missions"),
    ("profile_sought", "le profil recherché"),
    ("job_titles", "au moins un intitulé de poste"),
    ("min_years", "l'expérience minimale"),
    ("diploma_level", "le niveau de diplôme"),
    ("sectors", "un secteur d'activité"),
    ("skills", "des compétences"),
    ("languages", "les langues"),
    ("contract_type", "le type de contrat"),
    ("working_time", "le temps de travail"),
    ("commune", "le lieu de travail"),
    ("salary", "la fourchette de salaire"),
    ("start_date", "la date de prise de poste"),
)
