"""Job offers: content, structured criteria (they drive matching) and their life cycle."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.fields import RichTextField

from portal.candidates.validators import StringListValidator
from portal.reference.choices import CefrLevel, ContractType, DiplomaLevel, WorkingTime
from portal.reference.models import Commune, Language, NafSector

from ..choices import OFFER_COMPLETENESS_FIELDS, OfferStatus
from .companies import Company

OFFER_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "h3", "h4"]


def _new_reference() -> str:
    return uuid.uuid4().hex[:8].upper()


class JobOffer(models.Model):
    company = models.ForeignKey(
        Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="offers"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField("intitulé de l'offre", max_length=200)
    description = RichTextField("description du poste", blank=True, features=OFFER_RICH_TEXT_FEATURES)
    missions = RichTextField("missions", blank=True, features=OFFER_RICH_TEXT_FEATURES)
    profile_sought = RichTextField("profil recherché", blank=True, features=OFFER_RICH_TEXT_FEATURES)

    # Structured criteria. Job titles are kept as written (vocabulary labels or free text): matching
    # and search normalise them themselves.
    job_titles = models.JSONField(
        "intitulés de poste", default=list, blank=True, validators=[StringListValidator(max_items=10)]
    )
    min_years = models.PositiveSmallIntegerField(
        "expérience minimale (années)", null=True, blank=True, validators=[MaxValueValidator(50)]
    )
    diploma_level = models.PositiveSmallIntegerField(
        "niveau de diplôme minimal", choices=DiplomaLevel.choices, null=True, blank=True
    )
    diploma_field = models.CharField("domaine du diplôme", max_length=150, blank=True)
    sectors = models.ManyToManyField(
        NafSector, verbose_name="secteurs d'activité", blank=True, related_name="offers"
    )
    skills = models.JSONField(
        "compétences", default=list, blank=True, validators=[StringListValidator(max_items=30)]
    )
    contract_type = models.CharField("type de contrat", max_length=16, choices=ContractType.choices)
    working_time = models.CharField(
        "temps de travail", max_length=16, choices=WorkingTime.choices, default=WorkingTime.FULL_TIME
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name="lieu de travail",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
    )
    # How far from the workplace matching looks for candidates; empty: the matching form's default.
    radius_km = models.PositiveSmallIntegerField(
        "rayon de recherche des candidats (km)", null=True, blank=True, validators=[MaxValueValidator(200)],
        help_text="Distance autour du lieu de travail où chercher des candidats. Vide : 30 km.",
    )
    remote_possible = models.BooleanField("télétravail possible", default=False)
    salary_min = models.PositiveIntegerField(
        "salaire annuel brut minimum (€)", null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    salary_max = models.PositiveIntegerField(
        "salaire annuel brut maximum (€)", null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    start_date = models.DateField("date de prise de poste", null=True, blank=True)
    positions = models.PositiveSmallIntegerField(
        "nombre de postes", default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )

    status = models.CharField(
        "statut", max_length=16, choices=OfferStatus.choices, default=OfferStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField("publiée le", null=True, blank=True, db_index=True)
    expires_at = models.DateTimeField("expire le", null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField("clôturée le", null=True, blank=True)
    reference = models.CharField(
        "référence", max_length=8, unique=True, default=_new_reference, editable=False
    )
    slug = models.SlugField("adresse", max_length=220, unique=True, editable=False)
    campaign = models.ForeignKey(
        "recruiters.InterviewCampaign",
        verbose_name="campagne Visiotalent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
    )
    created_at = models.DateTimeField("créée le", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "offre d'emploi"
        verbose_name_plural = "offres d'emploi"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["company", "status"], name="offer_company_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="offer_salary_range_ordered",
                violation_error_message="Le salaire minimum ne peut pas dépasser le salaire maximum.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = f"{slugify(self.title)[:200] or 'offre'}-{self.reference.lower()}"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("offers:detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.salary_min and self.salary_max and self.salary_min > self.salary_max:
            errors["salary_max"] = "Le salaire maximum doit être supérieur ou égal au salaire minimum."
        if self.title and not self.title.strip():
            errors["title"] = "Indiquez l'intitulé de l'offre."
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        return self.status == OfferStatus.PUBLISHED

    @property
    def is_open(self) -> bool:
        return self.status == OfferStatus.PUBLISHED and (
            self.expires_at is None or self.expires_at > timezone.now()
        )

    def missing_items(self) -> list[str]:
        """What the recruiter has not filled in yet (French labels), for the completeness indicator."""
        missing = []
        for field, label in OFFER_COMPLETENESS_FIELDS:
            if field == "salary":
                filled = self.salary_min is not None or self.salary_max is not None
            elif field in {"sectors", "languages"}:
                filled = self.pk is not None and getattr(self, field).exists()
            else:
                value = getattr(self, field)
                filled = value not in (None, "", [], "<p></p>")
            if not filled:
                missing.append(label)
        return missing

    def completeness(self) -> int:
        total = len(OFFER_COMPLETENESS_FIELDS)
        return round(100 * (total - len(self.missing_items())) / total)


class JobOfferLanguage(models.Model):
    offer = models.ForeignKey(
        JobOffer, verbose_name="offre", on_delete=models.CASCADE, related_name="languages"
    )
    language = models.ForeignKey(Language, verbose_name="langue", on_delete=models.PROTECT, related_name="+")
    level = models.CharField("niveau minimal", max_length=2, choices=CefrLevel.choices)

    class Meta:
        verbose_name = "langue demandée"
        verbose_name_plural = "langues demandées"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "language"],
                name="offer_language_unique",
                violation_error_message="Cette langue est déjà demandée.",
            )
        ]

    def __str__(self):
        return f"{self.language} ({self.level})"
