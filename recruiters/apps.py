from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate


class RecruitersConfig(AppConfig):
    name = "recruiters"
    label = "recruiters"
    verbose_name = "Recruteurs"

    def ready(self):
        from portal.accounts.signals import email_confirmed
        from portal.candidates.signals import export_requested

        from . import receivers
        from .visiotalent import receivers as visiotalent_receivers  # noqa: F401 (connects its receivers)

        post_migrate.connect(receivers.setup_groups, sender=self, dispatch_uid="recruiters.setup_groups")
        email_confirmed.connect(receivers.on_email_confirmed, dispatch_uid="recruiters.email_confirmed")
        export_requested.connect(receivers.on_export_requested, dispatch_uid="recruiters.export_requested")
        post_delete.connect(receivers.on_application_deleted, sender=self.get_model("Application"),
                            dispatch_uid="recruiters.application_cv_delete")
