from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark data. Part of the wiring layer: it may use every app's services."""

    name = "portal.demo"
    label = "demo"
    verbose_name = "Données de démonstration"
