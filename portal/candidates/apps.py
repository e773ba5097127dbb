from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "portal.candidates"
    label = "candidates"
    verbose_name = "Candidats"
