"""Receivers connected in apps.py: they only hand over to services."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import CandidateProfile
from .services import candidate_mark_active, candidate_profile_erased


@receiver(user_logged_in, dispatch_uid="candidates_mark_active_on_login")
def mark_candidate_active(sender, request, user, **kwargs):
    if getattr(user, "is_candidate", False):
        candidate_mark_active(user=user)


@receiver(post_delete, sender=CandidateProfile, dispatch_uid="candidates_profile_erased")
def profile_erased(sender, instance, **kwargs):
    # Also runs when the user account is deleted (cascade), where no service is involved.
    candidate_profile_erased(profile=instance)
