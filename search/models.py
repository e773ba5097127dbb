"""What recruiters do with CVthèque profiles. Everything belongs to a company and is read through
`search.selectors`, scoped to the recruiter's company; candidates are never notified.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.candidates.models import CandidateProfile
from recruiters.models import Company

from .alerts import runner_for
from .choices import MAX_FOLDER_NAME, AccessKind, AlertFrequency, ProfileStatusValue, SavedSearchKind


class ProfileAccess(models.Model):
    """One line of the access log (GDPR): who opened which profile or CV, when. Also "déjà vu"."""

    company = models.ForeignKey(Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="+")
    # Kept when the recruiter's account goes: the log says which account it was.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="recruteur", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    user_email = models.EmailField("adresse du recruteur")
    profile = models.ForeignKey(
        CandidateProfile, verbose_name="profil", on_delete=models.CASCADE, related_name="recruiter_accesses"
    )
    kind = models.CharField("action", max_length=16, choices=AccessKind.choices, default=AccessKind.PROFILE)
    at = models.DateTimeField("le", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "consultation de profil"
        verbose_name_plural = "journal des consultations de profils"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["company", "profile"], name="search_access_company_profile")]

    def __str__(self):
        return f"{self.user_email} – {self.get_kind_display()} – {self.profile_id}"


class Comment(models.Model):
    """A private note on a profile, visible to the recruiters of the company only."""

    company = models.ForeignKey(Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    profile = models.ForeignKey(
        CandidateProfile, verbose_name="profil", on_delete=models.CASCADE, related_name="recruiter_comments"
    )
    text = models.TextField("commentaire")
    created_at = models.DateTimeField("écrit le", default=timezone.now)

    class Meta:
        verbose_name = "commentaire"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["company", "profile"], name="search_comment_company_profile")]

    def __str__(self):
        return self.text[:50]


class ProfileStatus(models.Model):
    """Where a profile stands for a company: seen, retained, rejected, contacted."""

    company = models.ForeignKey(Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(
        CandidateProfile, verbose_name="profil", on_delete=models.CASCADE, related_name="recruiter_statuses"
    )
    status = models.CharField("statut", max_length=16, choices=ProfileStatusValue.choices)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "statut de profil"
        verbose_name_plural = "statuts de profils"
        constraints = [
            models.UniqueConstraint(fields=["company", "profile"], name="search_status_once_per_company"),
        ]

    def __str__(self):
        return self.get_status_display()


class Folder(models.Model):
    """A folder ("dossier") of retained profiles and saved searches, often one per position to fill.

    Private to its owner unless shared, then open to every recruiter of the company.
    """

    company = models.ForeignKey(Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="créé par", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    name = models.CharField("nom", max_length=MAX_FOLDER_NAME)
    shared = models.BooleanField("partagé avec mes collègues", default=False)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    profiles = models.ManyToManyField(CandidateProfile, through="FolderProfile", related_name="+")

    class Meta:
        verbose_name = "dossier"
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class FolderProfile(models.Model):
    folder = models.ForeignKey(Folder, on_delete=models.CASCADE, related_name="entries")
    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "profil retenu"
        verbose_name_plural = "profils retenus"
        ordering = ["-added_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["folder", "profile"], name="search_folder_profile_once")]

    def __str__(self):
        return f"{self.folder} – {self.profile_id}"


class SavedSearch(models.Model):
    """Search criteria saved in a folder, with an optional e-mail alert of new matching profiles."""

    folder = models.ForeignKey(Folder, verbose_name="dossier", on_delete=models.CASCADE, related_name="searches")
    name = models.CharField("nom", max_length=MAX_FOLDER_NAME)
    kind = models.CharField("type", max_length=16, choices=SavedSearchKind.choices, default=SavedSearchKind.CVTHEQUE)
    # CVthèque: search.criteria.SearchCriteria.to_json(); other kinds: what their registered runner reads.
    criteria = models.JSONField("critères")
    alert_frequency = models.CharField(
        "alerte", max_length=8, choices=AlertFrequency.choices, default=AlertFrequency.NONE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="créée par", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("créée le", default=timezone.now)
    # Alerts announce profiles listed after this moment (minus a safety margin), never the same twice.
    last_alert_at = models.DateTimeField("dernière alerte", default=timezone.now)
    alerted_profile_ids = models.JSONField("profils déjà annoncés", default=list, blank=True)

    class Meta:
        verbose_name = "recherche enregistrée"
        verbose_name_plural = "recherches enregistrées"
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def runner_path(self) -> str:
        """The page that reopens a search of a registered kind (the CVthèque's views build their own)."""
        return runner_for(self.kind).search_path(self)


class ContactMessage(models.Model):
    """An e-mail a recruiter sent a candidate through the platform (profile history)."""

    company = models.ForeignKey(Company, verbose_name="entreprise", on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="expéditeur", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    profile = models.ForeignKey(
        CandidateProfile, verbose_name="profil", on_delete=models.CASCADE, related_name="recruiter_messages"
    )
    subject = models.CharField("objet", max_length=200)
    body = models.TextField("message")
    sent_at = models.DateTimeField("envoyé le", default=timezone.now)

    class Meta:
        verbose_name = "message à un candidat"
        verbose_name_plural = "messages aux candidats"
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.subject


class IndexRebuild(models.Model):
    """A rebuild of the search index; while it runs, index updates also queue their profile ids here."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    documents = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"rebuild {self.started_at:%Y-%m-%d %H:%M}"


class IndexBacklog(models.Model):
    rebuild = models.ForeignKey(IndexRebuild, on_delete=models.CASCADE, related_name="backlog")
    profile_id = models.BigIntegerField()

    def __str__(self):
        return str(self.profile_id)
