"""Reactions to events of lower layers, of Django and of Wagtail; each one hands over to a service."""

from wagtail.admin import signal_handlers as wagtail_notifiers

from .models import CompanyPage
from .services import (
    company_page_access_sync,
    company_page_access_sync_company,
    company_page_approval_notify,
    company_page_rejection_notify,
    company_page_submission_notify,
    site_ensure,
)


def setup_site(sender, apps=None, **kwargs):
    # Only once the cms schema is complete (not after a migration back to an older state).
    if apps is not None:
        try:
            apps.get_model("cms", "CompanyEditorAccess")
        except LookupError:
            return
    site_ensure()


def on_recruiter_saved(sender, instance, **kwargs):
    company_page_access_sync(user=instance.user)


def on_recruiter_deleted(sender, instance, **kwargs):
    company_page_access_sync(user=instance.user)


def on_company_saved(sender, instance, created, **kwargs):
    if not created:
        company_page_access_sync_company(company=instance)


# --- Moderation mails: company pages get the site's French mails, anything else Wagtail's ----------------

def _is_company_page(workflow_state) -> bool:
    model = workflow_state.content_type.model_class()
    return model is not None and issubclass(model, CompanyPage)


def on_task_submitted(sender, instance, user=None, **kwargs):
    # The task starts on every submission, first or after changes: the one moment reviewers are told.
    if _is_company_page(instance.workflow_state):
        company_page_submission_notify(task_state=instance, submitted_by=user)
    else:
        wagtail_notifiers.task_submission_email_notifier(sender=sender, instance=instance, user=user, **kwargs)


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    # Wagtail also mails every superuser here, which made moderators who are superusers get two mails.
    if not _is_company_page(instance):
        wagtail_notifiers.workflow_submission_email_notifier(sender=sender, instance=instance, user=user, **kwargs)


def on_workflow_approved(sender, instance, user=None, **kwargs):
    if _is_company_page(instance):
        company_page_approval_notify(workflow_state=instance, approved_by=user)
    else:
        wagtail_notifiers.workflow_approval_email_notifier(sender=sender, instance=instance, user=user, **kwargs)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    if _is_company_page(instance):
        company_page_rejection_notify(workflow_state=instance, rejected_by=user)
    else:
        wagtail_notifiers.workflow_rejection_email_notifier(sender=sender, instance=instance, user=user, **kwargs)
