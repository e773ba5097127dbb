"""The gate of the candidate space: a signed-in candidate whose address is confirmed, with a profile."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from ..selectors import candidate_profile_for_user
from ..services import candidate_profile_create

DENIED_MESSAGE = "L'espace candidat est réservé aux comptes candidats."


def candidate_required(view_func):
    """Anonymous visitors go to the login page, unconfirmed candidates to the confirmation screen,
    other accounts get 403. Sets ``request.profile`` (created empty on the first visit)."""

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=reverse("accounts:login"))
        if not user.is_candidate:
            raise PermissionDenied(DENIED_MESSAGE)
        if user.email_confirmed_at is None:
            return redirect("candidates:confirm_pending")
        request.profile = candidate_profile_for_user(user=user) or candidate_profile_create(user=user)
        return view_func(request, *args, **kwargs)

    return wrapper


def posted(request):
    """The posted data, or None for a GET: an empty POST (an unticked box alone) is still a submission."""
    return request.POST if request.method == "POST" else None
