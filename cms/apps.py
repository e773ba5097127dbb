from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = "Pages"

    def ready(self):
        from recruiters.models import Company, Recruiter

        from . import receivers

        post_migrate.connect(receivers.setup_site, sender=self, dispatch_uid="cms.setup_site")
        post_save.connect(receivers.on_recruiter_saved, sender=Recruiter, dispatch_uid="cms.recruiter_saved")
        post_delete.connect(receivers.on_recruiter_deleted, sender=Recruiter, dispatch_uid="cms.recruiter_deleted")
        post_save.connect(receivers.on_company_saved, sender=Company, dispatch_uid="cms.company_saved")
