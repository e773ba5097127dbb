"""Reactions to events of lower layers and of Django itself; each one hands over to a service."""

from django.db import transaction

from .exports import candidate_applications_export
from .services import groups_setup, recruiter_email_confirmed


def setup_groups(sender, **kwargs):
    groups_setup()


def on_email_confirmed(sender, user, **kwargs):
    recruiter_email_confirmed(user=user)


def on_export_requested(sender, profile, **kwargs):
    return candidate_applications_export(profile=profile)


def on_application_deleted(sender, instance, **kwargs):
    # Applications go with their candidate (erasure, retention), offer or company, often by cascade:
    # the copy of the CV leaves the disk once that deletion is committed, never before.
    name, storage = instance.cv_file.name, instance.cv_file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
