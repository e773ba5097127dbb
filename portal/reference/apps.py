from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "portal.reference"
    label = "reference"
    verbose_name = "Données de référence"

    def ready(self):
        from . import signals  # noqa: F401  (registers the receivers)
