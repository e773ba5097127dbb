"""The one gate of the recruiter space: every recruiter-facing view goes through it.

Only a validated recruiter of an active company gets through; pending, refused and suspended accounts,
candidates and anonymous visitors do not. Views then read ``request.company`` (or ``self.company``)
and fetch objects through ``recruiters.selectors``, which are scoped to that company.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ..selectors import active_company_for_request

DENIED_MESSAGE = "Cet espace est réservé aux recruteurs dont le compte et l'entreprise sont validés."


def _company_or_deny(request):
    company = active_company_for_request(request)
    if company is None:
        raise PermissionDenied(DENIED_MESSAGE)
    request.company = company
    return company


def recruiter_required(view_func):
    """Decorator for function views: anonymous users go to the login page, others without access get 403."""

    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=reverse("recruiters:login"))
        _company_or_deny(request)
        return view_func(request, *args, **kwargs)

    return wrapper


class RecruiterRequiredMixin:
    """Mixin for class-based views: same rule as ``recruiter_required``; sets ``self.company``."""

    company = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=reverse("recruiters:login"))
        self.company = _company_or_deny(request)
        return super().dispatch(request, *args, **kwargs)
