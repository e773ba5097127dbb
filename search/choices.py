"""Constants of the CVthèque: sorts, page sizes, statuses, alert frequencies."""

from django.db import models


class Sort(models.TextChoices):
    RELEVANCE = "relevance", "Pertinence"
    LAST_LOGIN = "last_login", "Date de dernière connexion"
    CREATED = "created", "Date de création"
    UPDATED = "updated", "Date de dernière mise à jour"


PER_PAGE_CHOICES = (10, 30, 50)
DEFAULT_PER_PAGE = 30
# Beyond this, a recruiter refines the search instead of paging (and deep pages stay cheap).
MAX_PAGE = 200

MAX_PLACES = 10
MAX_RADIUS_KM = 100
DEFAULT_RADIUS_KM = 20


class ProfileStatusValue(models.TextChoices):
    SEEN = "vu", "Vu"
    RETAINED = "retenu", "Retenu"
    REJECTED = "ecarte", "Écarté"
    CONTACTED = "contacte", "Contacté"


class AccessKind(models.TextChoices):
    """What a recruiter opened: each is a line of the access log (GDPR)."""

    PROFILE = "profile", "Consultation du profil"
    CV_VIEW = "cv_view", "Visualisation du CV"
    CV_DOWNLOAD = "cv_download", "Téléchargement du CV"


class SavedSearchKind(models.TextChoices):
    """Which search a saved search reopens and alerts with: the CVthèque's, or one registered by a
    higher app (see search.alerts)."""

    CVTHEQUE = "cvtheque", "CVthèque"
    MATCHING = "matching", "Matching"


class AlertFrequency(models.TextChoices):
    NONE = "none", "Pas d'alerte"
    DAILY = "daily", "Chaque jour"
    WEEKLY = "weekly", "Chaque semaine"


MAX_COMMENT_LENGTH = 2000
MAX_CONTACT_LENGTH = 5000
MAX_FOLDER_NAME = 120
# An alert e-mail lists at most this many profiles (and says how many more there are).
ALERT_MAX_PROFILES = 20
