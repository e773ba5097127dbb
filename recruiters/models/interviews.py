"""Visiotalent: deferred video interviews (campaigns of questions, invitations, recorded answers)."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from ..choices import InvitationStatus
from .applications import Application
from .companies import Company


def private_storage():
    return storages["private"]


def answer_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "webm"
    return f"interviews/{uuid.uuid4().hex}.{extension}"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class InterviewCampaign(models.Model):
    """A set of questions; without a company it belongs to the platform catalogue (created by staff)."""

    company = models.ForeignKey(
        Company,
        verbose_name="entreprise",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interview_campaigns",
    )
    name = models.CharField("nom", max_length=150)
    introduction = models.TextField("message d'accueil", max_length=2000, blank=True)
    deadline_days = models.PositiveSmallIntegerField(
        "délai de réponse (jours)",
        null=True,
        blank=True,
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    deadline_date = models.DateField("date limite", null=True, blank=True)
    retries_allowed = models.PositiveSmallIntegerField(
        "nouvelles tentatives permises", default=1, validators=[MaxValueValidator(5)]
    )
    active = models.BooleanField("active", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", default=timezone.now)

    class Meta:
        verbose_name = "campagne Visiotalent"
        verbose_name_plural = "campagnes Visiotalent"
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.deadline_days is None and self.deadline_date is None:
            raise ValidationError("Indiquez un délai de réponse en jours ou une date limite.")

    @property
    def is_catalogue(self) -> bool:
        return self.company_id is None


class InterviewQuestion(models.Model):
    campaign = models.ForeignKey(
        InterviewCampaign, verbose_name="campagne", on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField("ordre", default=0)
    text = models.TextField("question", max_length=1000)
    preparation_seconds = models.PositiveSmallIntegerField(
        "temps de préparation (secondes)", default=30, validators=[MaxValueValidator(600)]
    )
    max_answer_seconds = models.PositiveSmallIntegerField(
        "durée maximale de réponse (secondes)",
        default=120,
        validators=[MinValueValidator(10), MaxValueValidator(600)],
    )

    class Meta:
        verbose_name = "question"
        verbose_name_plural = "questions"
        ordering = ["campaign", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class InterviewInvitation(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name="candidature",
        on_delete=models.CASCADE,
        related_name="interview_invitations",
    )
    campaign = models.ForeignKey(
        InterviewCampaign, verbose_name="campagne", on_delete=models.PROTECT, related_name="invitations"
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    status = models.CharField(
        "statut",
        max_length=16,
        choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
        db_index=True,
    )
    sent_at = models.DateTimeField("envoyée le", default=timezone.now)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    completed_at = models.DateTimeField("terminé le", null=True, blank=True)
    deadline = models.DateTimeField("date limite", null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="invité par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "invitation Visiotalent"
        verbose_name_plural = "invitations Visiotalent"
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "campaign"],
                name="interview_invitation_unique",
                violation_error_message="Ce candidat est déjà invité à cette campagne.",
            )
        ]

    def __str__(self):
        return f"{self.application} / {self.campaign}"


class InterviewAnswer(models.Model):
    invitation = models.ForeignKey(
        InterviewInvitation, verbose_name="invitation", on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        InterviewQuestion, verbose_name="question", on_delete=models.CASCADE, related_name="answers"
    )
    attempt = models.PositiveSmallIntegerField("tentative", default=1)
    video = models.FileField("vidéo", storage=private_storage, upload_to=answer_upload_to, max_length=200)
    mime_type = models.CharField("type de fichier", max_length=100)
    size = models.PositiveBigIntegerField("taille (octets)", default=0)
    duration_seconds = models.FloatField("durée (secondes)", null=True, blank=True)
    uploaded_at = models.DateTimeField("envoyée le", default=timezone.now)

    class Meta:
        verbose_name = "réponse vidéo"
        verbose_name_plural = "réponses vidéo"
        ordering = ["invitation", "question__order", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "question", "attempt"],
                name="interview_answer_unique_attempt",
                violation_error_message="Cette tentative a déjà été enregistrée.",
            )
        ]

    def __str__(self):
        return f"{self.question} (tentative {self.attempt})"
