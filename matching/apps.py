from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the receivers)
