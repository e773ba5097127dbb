"""Matching records: the audit log of match runs, per-search dismissals, transfers, and the change log
that keeps every process's feature matrix in step with the profiles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.candidates.models import CandidateProfile
from recruiters.models import Company

from .choices import RunSource


class ProfileChange(models.Model):
    """Profiles changed in one batch. Its ever-growing pk is the version each process compares with
    the one its matrix reflects (one indexed query per request)."""

    profile_ids = models.JSONField(default=list)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "changement de profils"
        verbose_name_plural = "changements de profils"
        ordering = ["pk"]

    def __str__(self):
        return f"#{self.pk}: {len(self.profile_ids)} profil(s)"


class MatchRun(models.Model):
    """One matching search, recorded for audit (recruitment matching is a high-risk AI use under the
    EU AI Act): who, when, from what, with which criteria, weights, threshold, and what came out."""

    company = models.ForeignKey(
        Company, verbose_name="entreprise", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="utilisateur", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    user_email = models.CharField("adresse de l'utilisateur", max_length=254, blank=True)
    at = models.DateTimeField("le", default=timezone.now, db_index=True)
    source = models.CharField("origine", max_length=16, choices=RunSource.choices)
    # Identifies the search for dismissals: "offer:<pk>" or "criteria:<hash>".
    search_key = models.CharField("clé de recherche", max_length=80, db_index=True)
    offer_id = models.PositiveIntegerField("offre", null=True, blank=True)
    file_name = models.CharField("fichier", max_length=255, blank=True)
    criteria = models.JSONField("critères", default=dict)
    weights = models.JSONField("poids", default=dict)
    threshold = models.FloatField("seuil (%)")
    required = models.JSONField("critères indispensables", default=list)
    total = models.PositiveIntegerField("profils évalués", default=0)
    result_count = models.PositiveIntegerField("nombre de résultats", default=0)
    top_results = models.JSONField("meilleurs résultats", default=list)  # [[profile_id, score], ...]
    elapsed_ms = models.FloatField("durée (ms)", default=0)
    # One row per search: the threshold, count and top results above are the latest; each state the
    # recruiter looked at (the first, then every slider move or sort change) is [at, threshold, sort, count].
    adjustments = models.JSONField("réglages successifs", default=list, blank=True)

    class Meta:
        verbose_name = "recherche matching"
        verbose_name_plural = "journal des recherches matching"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["company", "at"], name="matching_run_company_at")]

    def __str__(self):
        return f"{self.user_email} – {self.get_source_display()} – {self.at:%Y-%m-%d %H:%M}"


class Dismissal(models.Model):
    """A profile set aside ("Écarter") for one search of a company; undone by deleting it."""

    company = models.ForeignKey(Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="+")
    search_key = models.CharField("clé de recherche", max_length=80)
    profile = models.ForeignKey(
        CandidateProfile, verbose_name="profil", on_delete=models.CASCADE, related_name="matching_dismissals"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "profil écarté"
        verbose_name_plural = "profils écartés"
        constraints = [
            models.UniqueConstraint(fields=["company", "search_key", "profile"], name="matching_dismissal_once"),
        ]

    def __str__(self):
        return f"{self.search_key} – {self.profile_id}"


class ProfileTransfer(models.Model):
    """A profile sent to a colleague or an address ("Transférer"), logged like every access."""

    company = models.ForeignKey(Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    user_email = models.CharField("adresse de l'expéditeur", max_length=254)
    profile = models.ForeignKey(
        CandidateProfile, verbose_name="profil", on_delete=models.CASCADE, related_name="matching_transfers"
    )
    recipient = models.EmailField("destinataire")
    message = models.TextField("message", blank=True)
    at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "profil transféré"
        verbose_name_plural = "profils transférés"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user_email} → {self.recipient} – {self.profile_id}"
