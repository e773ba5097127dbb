"""Applications to offers (and spontaneous ones), their comments, history and e-mail templates."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.candidates.models import CandidateProfile

from ..choices import ApplicationEventKind, ApplicationStatus, EmailTemplateKind, NotificationFrequency
from .companies import Company, Recruiter
from .offers import JobOffer


def private_storage():
    return storages["private"]


def application_cv_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"applications/cv/{uuid.uuid4().hex}.{extension}"


class Application(models.Model):
    """A candidate's application to an offer, or a spontaneous one (no offer) to a company."""

    company = models.ForeignKey(
        Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="applications"
    )
    offer = models.ForeignKey(
        JobOffer,
        verbose_name="offre",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="applications",
    )
    candidate = models.ForeignKey(
        CandidateProfile, verbose_name="candidat", on_delete=models.CASCADE, related_name="applications"
    )
    # A copy taken when applying: the candidate may replace or delete their profile CV later.
    cv_file = models.FileField(
        "CV", storage=private_storage, upload_to=application_cv_upload_to, max_length=200, blank=True
    )
    cv_original_name = models.CharField("nom du fichier envoyé", max_length=255, blank=True)
    cv_text = models.TextField("texte du CV", blank=True)
    message = models.TextField("message", max_length=5000, blank=True)
    status = models.CharField(
        "statut",
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.NEW,
        db_index=True,
    )
    seen_at = models.DateTimeField("consultée le", null=True, blank=True)
    # Set once the recruiters were told about it (immediately or in the daily digest).
    notified_at = models.DateTimeField("notifiée le", null=True, blank=True)
    created_at = models.DateTimeField("reçue le", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "candidature"
        verbose_name_plural = "candidatures"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["company", "status"], name="application_company_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "candidate"],
                condition=Q(offer__isnull=False),
                name="application_unique_per_offer",
                violation_error_message="Vous avez déjà postulé à cette offre.",
            ),
        ]

    def __str__(self):
        target = self.offer.title if self.offer_id else "candidature spontanée"
        return f"{self.candidate} → {target}"

    @property
    def is_spontaneous(self) -> bool:
        return self.offer_id is None

    @property
    def is_new(self) -> bool:
        return self.seen_at is None


class ApplicationComment(models.Model):
    """A private note of the company's recruiters; the candidate never sees it."""

    application = models.ForeignKey(
        Application, verbose_name="candidature", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField("commentaire", max_length=5000)
    created_at = models.DateTimeField("écrit le", default=timezone.now)

    class Meta:
        verbose_name = "commentaire"
        verbose_name_plural = "commentaires"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class ApplicationEvent(models.Model):
    """The history of an application: who did what, when."""

    application = models.ForeignKey(
        Application, verbose_name="candidature", on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField("action", max_length=32, choices=ApplicationEventKind.choices)
    details = models.CharField("détails", max_length=500, blank=True)
    created_at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "historique"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.details}".strip()


DEFAULT_EMAIL_TEMPLATES = {
    EmailTemplateKind.INTERVIEW: (
        "Votre candidature chez {entreprise} : proposition d'entretien",
        "Bonjour {prenom},\n\n"
        "Nous avons bien étudié votre candidature au poste « {offre} » et souhaitons vous rencontrer.\n"
        "Merci de nous indiquer vos disponibilités pour un entretien dans les prochains jours.\n\n"
        "Bien cordialement,\n{recruteur}\n{entreprise}",
    ),
    EmailTemplateKind.REFUSAL: (
        "Votre candidature chez {entreprise}",
        "Bonjour {prenom},\n\n"
        "Nous vous remercions de l'intérêt que vous portez à {entreprise} et du temps consacré à votre "
        "candidature au poste « {offre} ».\n"
        "Après examen attentif, nous ne pouvons pas y donner une suite favorable : {motif}\n\n"
        "Nous vous souhaitons pleine réussite dans vos recherches.\n\n"
        "Bien cordialement,\n{recruteur}\n{entreprise}",
    ),
}


EMAIL_TEMPLATE_VARIABLES = ("prenom", "nom", "offre", "entreprise", "recruteur", "motif")
EMAIL_TEMPLATE_VARIABLES_TEXT = ", ".join(f"{{{name}}}" for name in EMAIL_TEMPLATE_VARIABLES)


# A variable is its bare name between braces; a recruiter's text is not a Python format string, so
# format specs, attributes, indexes and positional fields are not variables.
EMAIL_TEMPLATE_FIELD = re.compile(r"\{(\w+)\}")
_BRACED = re.compile(r"\{[^{}\n]*\}|[{}]")


def _quoted(fragment: str) -> str:
    return fragment if len(fragment) <= 40 else fragment[:39] + "…"


def _stray_brace_fragment(text: str, position: int) -> str:
    """The word a lone brace sits in ("{prenom", "prenom}"), to point at it in the message."""
    if text[position] == "{":
        return (text[position:].split() or ["{"])[0]
    return (text[: position + 1].split() or ["}"])[-1]


def email_template_variables(text: str) -> list[str]:
    """The {variables} a template text uses; ValidationError (French) for a stray brace, anything between
    braces that is not a bare variable name, or an unknown name."""
    names = []
    for match in _BRACED.finditer(text or ""):
        token = match.group(0)
        if len(token) == 1:
            fragment = _quoted(_stray_brace_fragment(text, match.start()))
            raise ValidationError(
                f"Une accolade est ouverte ou fermée seule (« {fragment} ») : écrivez les variables entières, "
                "par exemple {prenom}.",
                code="stray_brace",
            )
        name = token[1:-1]
        if not EMAIL_TEMPLATE_FIELD.fullmatch(token):
            raise ValidationError(
                f"« {_quoted(token)} » n'est pas une variable : écrivez seulement son nom entre accolades, "
                f"sans autre signe. Variables possibles : {EMAIL_TEMPLATE_VARIABLES_TEXT}.",
                code="malformed_variable",
            )
        if name not in EMAIL_TEMPLATE_VARIABLES:
            raise ValidationError(
                f"Variable inconnue : {token}. Variables possibles : {EMAIL_TEMPLATE_VARIABLES_TEXT}.",
                code="unknown_variable",
            )
        names.append(name)
    return names


def email_template_fill(text: str, values: dict[str, str]) -> str:
    """The text with each known {variable} replaced in one pass; anything else stays as written, so a
    template stored before templates were checked still renders (and values are never read as variables)."""
    return EMAIL_TEMPLATE_FIELD.sub(lambda match: values.get(match[1], match[0]), text or "")


class EmailTemplate(models.Model):
    """A company's wording of an e-mail to candidates; defaults come from DEFAULT_EMAIL_TEMPLATES."""

    company = models.ForeignKey(
        Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="email_templates"
    )
    kind = models.CharField("modèle", max_length=16, choices=EmailTemplateKind.choices)
    subject = models.CharField("objet", max_length=200)
    body = models.TextField(
        "texte",
        max_length=5000,
        help_text="Variables possibles : {prenom}, {nom}, {offre}, {entreprise}, {recruteur}, {motif}.",
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "modèle d'e-mail"
        verbose_name_plural = "modèles d'e-mail"
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "kind"],
                name="email_template_unique_kind",
                violation_error_message="Ce modèle existe déjà pour votre entreprise.",
            )
        ]

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        errors = {}
        for field in ("subject", "body"):
            try:
                email_template_variables(getattr(self, field))
            except ValidationError as error:
                errors[field] = error
        if errors:
            raise ValidationError(errors)


class RecruiterNotificationSettings(models.Model):
    """How a recruiter wants to hear about new applications."""

    recruiter = models.OneToOneField(
        Recruiter, verbose_name="recruteur", on_delete=models.CASCADE, related_name="notification_settings"
    )
    application_frequency = models.CharField(
        "nouvelles candidatures",
        max_length=16,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATE,
    )
    last_digest_at = models.DateTimeField("dernier récapitulatif", null=True, blank=True)

    class Meta:
        verbose_name = "préférences de notification"
        verbose_name_plural = "préférences de notification"

    def __str__(self):
        return str(self.recruiter)
