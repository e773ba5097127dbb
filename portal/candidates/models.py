"""Candidate profiles: what a candidate says about themself, their CV and their CVthèque consent.

Protected characteristics are deliberately absent: no gender, age, birth date, photo or nationality.
Names and e-mail live on the user; the profile holds nothing more personal than a commune.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from portal.reference.choices import CefrLevel, ContractType, DiplomaLevel, WorkingTime
from portal.reference.models import Commune, Department, Language, NafSector

from .choices import MAX_DESCRIPTION, MAX_SHORT_TEXT, RADIUS_KM_MAX, RADIUS_KM_MIN
from .experience import years_of_experience
from .validators import ChoiceListValidator, StringListValidator, validate_phone


def private_storage():
    return storages["private"]


def cv_upload_to(instance, filename):
    # The stored name never derives from the uploaded one: a random name cannot be guessed and
    # the extension comes from the detected content (see cv.py), not from the candidate.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cv/{uuid.uuid4().hex}.{extension}"


class CandidateProfile(models.Model):
    """One candidate's profile.

    Activity: ``last_active_at`` is the candidate's last login (kept in step with ``user.last_login`` by
    ``candidate_mark_active`` on every login), or the profile creation when they never logged in, as
    for imported profiles without ``last_login``. It drives the 2-year retention rule and the
    "dernière connexion" sort and facet without a join.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_profile"
    )
    # The identifier of the profile in the system it was imported from; imports are idempotent on it.
    external_ref = models.CharField("référence externe", max_length=100, unique=True, null=True, blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True, validators=[validate_phone])
    headline = models.CharField("titre du profil", max_length=200, blank=True)
    # Raw titles as the candidate wrote them: search and matching normalise them against the
    # job-title vocabulary themselves, so a vocabulary that grows never leaves stale links here.
    desired_jobs = models.JSONField(
        "postes recherchés", default=list, blank=True, validators=[StringListValidator()]
    )
    home_commune = models.ForeignKey(
        Commune,
        verbose_name="commune de résidence",
        on_delete=models.PROTECT,
        related_name="resident_candidates",
        null=True,
        blank=True,
    )
    contract_types = models.JSONField(
        "types de contrat", default=list, blank=True, validators=[ChoiceListValidator(ContractType)]
    )
    working_time = models.JSONField(
        "temps de travail", default=list, blank=True, validators=[ChoiceListValidator(WorkingTime)]
    )
    available_from = models.DateField("disponible à partir du", null=True, blank=True)
    # None: the candidate did not say (matching reports "non précisé").
    driving_licence = models.BooleanField("permis de conduire", null=True, blank=True)
    salary_min = models.PositiveIntegerField(
        "salaire annuel brut souhaité (minimum, €)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(1_000_000)],
    )
    sectors = models.ManyToManyField(
        NafSector, verbose_name="secteurs d'activité", blank=True, related_name="candidate_profiles"
    )
    skills = models.JSONField("compétences", default=list, blank=True, validators=[StringListValidator()])

    cv_file = models.FileField(
        "CV", storage=private_storage, upload_to=cv_upload_to, max_length=200, blank=True
    )
    cv_original_name = models.CharField("nom du fichier envoyé", max_length=255, blank=True)
    cv_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    cv_text = models.TextField("texte du CV", blank=True)
    cv_uploaded_at = models.DateTimeField("CV envoyé le", null=True, blank=True)

    visible_in_cvtheque = models.BooleanField("visible dans la CVthèque", default=False)
    consent_at = models.DateTimeField("consentement donné le", null=True, blank=True)

    last_active_at = models.DateTimeField("dernière connexion", default=timezone.now, db_index=True)
    # Set when the "your profile will be erased" notice is sent; cleared by any new activity.
    retention_notice_sent_at = models.DateTimeField("avis de suppression envoyé le", null=True, blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now, db_index=True)
    # Set by the services (and by imports from the source's "updated"), not by auto_now.
    updated_at = models.DateTimeField("mis à jour le", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "profil candidat"
        verbose_name_plural = "profils candidats"
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["visible_in_cvtheque", "last_active_at"], name="cand_visible_active")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visible_in_cvtheque=False) | models.Q(consent_at__isnull=False),
                name="cand_visible_requires_consent",
            ),
            models.CheckConstraint(
                condition=models.Q(cv_file="") | models.Q(cv_uploaded_at__isnull=False),
                name="cand_cv_has_upload_date",
            ),
        ]

    def __str__(self):
        return self.headline or str(self.user)

    @property
    def has_cv_file(self) -> bool:
        return bool(self.cv_file)

    def years_of_experience(self, today: date | None = None) -> float:
        """Years of non-overlapping experience; prefetch ``experiences`` when calling it in a loop."""
        periods = [(exp.start_date, exp.end_date) for exp in self.experiences.all()]
        return years_of_experience(periods, today=today or timezone.localdate())

    def highest_diploma_level(self) -> int | None:
        levels = [edu.level for edu in self.education.all() if edu.level is not None]
        return max(levels, default=None)


class DesiredPlace(models.Model):
    """Where the candidate wants to work: a commune with a radius, or a whole department."""

    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="desired_places")
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    radius_km = models.PositiveSmallIntegerField(
        "rayon (km)",
        null=True,
        blank=True,
        validators=[MinValueValidator(RADIUS_KM_MIN), MaxValueValidator(RADIUS_KM_MAX)],
    )
    department = models.ForeignKey(
        Department,
        verbose_name="département",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "lieu souhaité"
        verbose_name_plural = "lieux souhaités"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        commune__isnull=False,
                        department__isnull=True,
                        radius_km__isnull=False,
                        radius_km__gte=RADIUS_KM_MIN,
                        radius_km__lte=RADIUS_KM_MAX,
                    )
                    | models.Q(commune__isnull=True, department__isnull=False, radius_km__isnull=True)
                ),
                name="cand_place_commune_radius_or_department",
                violation_error_message="Indiquez soit une commune et un rayon, soit un département.",
            ),
        ]

    def __str__(self):
        if self.commune_id:
            return f"{self.commune} + {self.radius_km} km"
        return str(self.department)


class Experience(models.Model):
    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="experiences")
    title = models.CharField("poste", max_length=MAX_SHORT_TEXT)
    employer = models.CharField("employeur", max_length=MAX_SHORT_TEXT, blank=True)
    sector = models.ForeignKey(
        NafSector, verbose_name="secteur", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Month precision: stored as the first day of the month.
    start_date = models.DateField("début")
    end_date = models.DateField("fin", null=True, blank=True, help_text="Vide : poste actuel.")
    description = models.TextField("description", max_length=MAX_DESCRIPTION, blank=True)

    class Meta:
        verbose_name = "expérience"
        ordering = ["-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="cand_experience_end_after_start",
                violation_error_message="La fin de l'expérience précède son début.",
            ),
        ]

    def __str__(self):
        return f"{self.title} – {self.employer}" if self.employer else self.title

    def save(self, *args, **kwargs):
        self.start_date = self.start_date.replace(day=1)
        if self.end_date:
            self.end_date = self.end_date.replace(day=1)
        super().save(*args, **kwargs)


class Education(models.Model):
    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="education")
    level = models.PositiveSmallIntegerField(
        "niveau", choices=DiplomaLevel.choices, null=True, blank=True, help_text="Vide : niveau non classé."
    )
    title = models.CharField("diplôme", max_length=200)
    school = models.CharField("établissement", max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        "année d'obtention",
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2100)],
    )

    class Meta:
        verbose_name = "formation"
        verbose_name_plural = "formations"
        ordering = ["-year", "id"]

    def __str__(self):
        return self.title


class CandidateLanguage(models.Model):
    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey(Language, verbose_name="langue", on_delete=models.PROTECT, related_name="+")
    # Empty: the candidate did not give a level.
    level = models.CharField("niveau", max_length=2, choices=CefrLevel.choices, blank=True)

    class Meta:
        verbose_name = "langue parlée"
        verbose_name_plural = "langues parlées"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="cand_language_once_per_profile"),
        ]

    def __str__(self):
        return f"{self.language} ({self.level})" if self.level else str(self.language)
