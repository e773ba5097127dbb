"""Reactions to events of lower layers and of Django itself; each one hands over to a service."""

from .exports import candidate_applications_export
from .services import groups_setup, recruiter_email_confirmed


def setup_groups(sender, **kwargs):
    groups_setup()


def on_email_confirmed(sender, user, **kwargs):
    recruiter_email_confirmed(user=user)


def on_export_requested(sender, profile, **kwargs):
    return candidate_applications_export(profile=profile)
