from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: the schedule of periodic jobs. Wiring layer: it only calls other apps' commands."""

    name = "portal.ops"
    label = "ops"
    verbose_name = "Exploitation"
