"""Constants of the recruiter matching."""

from django.db import models


class RunSource(models.TextChoices):
    OFFER = "offer", "Offre publiée"
    FILE = "file", "Offre chargée (fichier)"
    TEXT = "text", "Offre saisie"
    CRITERIA = "criteria", "Critères"
    COMMAND = "command", "Ligne de commande"
    ALERT = "alert", "Alerte d'une recherche enregistrée"


MAX_OFFER_FILE_BYTES = 2 * 1024 * 1024
MAX_OFFER_TEXT_CHARS = 50_000
RESULTS_PER_PAGE = 30
MAX_LIMIT = 500
# How many of the top results a match run keeps for the audit log.
AUDIT_TOP = 50
# Change-log rows older than this are pruned; a process that has not synced for half of it reloads.
CHANGE_LOG_RETENTION_HOURS = 24
# The full matrix is rebuilt this often, so profiles that age out of visibility (2-year rule) go.
FULL_RELOAD_HOURS = 6
MAX_TRANSFER_MESSAGE = 2000
# A search's slider moves and sort changes are logged in its run, up to this many (the latest kept).
MAX_RUN_ADJUSTMENTS = 200
# A matching alert announces at most this many profiles' ids (the CVthèque keeps as many).
ALERT_MATCHES_KEPT = 5000
