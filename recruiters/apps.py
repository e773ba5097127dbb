from django.apps import AppConfig


class RecruitersConfig(AppConfig):
    name = "recruiters"
    label = "recruiters"
    verbose_name = "Recruteurs"
