from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the receivers)
        from .saved import register_runner

        register_runner()  # saved matching searches and their alerts, in CVthèque folders
