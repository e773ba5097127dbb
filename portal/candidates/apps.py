from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "portal.candidates"
    label = "candidates"
    verbose_name = "Candidats"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the login receiver)
