"""Receivers connected in apps.py: profile changes become index update tasks (never inside a request);
the candidate data export gets what the CVthèque keeps about them."""

from django.dispatch import receiver

from portal.candidates.signals import export_requested, profile_changed

from .exports import candidate_cvtheque_export
from .tasks import index_profiles_task


@receiver(profile_changed, dispatch_uid="search_index_changed_profiles")
def index_changed_profiles(sender, profile_ids, **kwargs):
    index_profiles_task.enqueue(profile_ids=[int(pk) for pk in profile_ids])


@receiver(export_requested, dispatch_uid="search_candidate_export")
def export_cvtheque_data(sender, profile, **kwargs):
    return candidate_cvtheque_export(profile=profile)
