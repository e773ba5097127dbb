from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = "Pages"

    def ready(self):
        from wagtail.models import TaskState, WorkflowState
        from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

        from recruiters.models import Company, Recruiter

        from . import receivers

        post_migrate.connect(receivers.setup_site, sender=self, dispatch_uid="cms.setup_site")
        post_save.connect(receivers.on_recruiter_saved, sender=Recruiter, dispatch_uid="cms.recruiter_saved")
        post_delete.connect(receivers.on_recruiter_deleted, sender=Recruiter, dispatch_uid="cms.recruiter_deleted")
        post_save.connect(receivers.on_company_saved, sender=Company, dispatch_uid="cms.company_saved")

        # Moderation mails: these receivers take the dispatch ids of Wagtail's own notifiers
        # (wagtail.admin.signal_handlers), so that only one of the two is ever connected: Wagtail's
        # later connect() is ignored when cms comes first in INSTALLED_APPS, disconnect() covers the
        # other order. Objects other than company pages are handed back to Wagtail's notifiers.
        for signal, sender, receiver, dispatch_uid in (
            (task_submitted, TaskState, receivers.on_task_submitted, "group_approval_task_submitted_email_notification"),
            (workflow_submitted, WorkflowState, receivers.on_workflow_submitted, "workflow_state_submitted_email_notification"),
            (workflow_approved, WorkflowState, receivers.on_workflow_approved, "workflow_state_approved_email_notification"),
            (workflow_rejected, WorkflowState, receivers.on_workflow_rejected, "workflow_state_rejected_email_notification"),
        ):
            signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
            signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)
