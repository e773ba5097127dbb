"""Receivers connected in apps.py: profile changes become index update tasks (never inside a request)."""

from django.dispatch import receiver

from portal.candidates.signals import profile_changed

from .tasks import index_profiles_task


@receiver(profile_changed, dispatch_uid="search_index_changed_profiles")
def index_changed_profiles(sender, profile_ids, **kwargs):
    index_profiles_task.enqueue(profile_ids=[int(pk) for pk in profile_ids])
