"""Receivers of other apps' signals (connected in apps.py)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .services import candidate_mark_active


@receiver(user_logged_in, dispatch_uid="candidates_mark_active_on_login")
def mark_candidate_active(sender, request, user, **kwargs):
    if getattr(user, "is_candidate", False):
        candidate_mark_active(user=user)
