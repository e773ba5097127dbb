from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "CVthèque"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the index update receiver)
