"""Receivers connected in apps.py: profile changes go to the change log that every process replays."""

from django.dispatch import receiver

from portal.candidates.signals import profile_changed

from .loader import record_change


@receiver(profile_changed, dispatch_uid="matching_record_profile_change")
def record_profile_change(sender, profile_ids, **kwargs):
    if profile_ids:
        record_change(profile_ids)
