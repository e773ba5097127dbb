"""Login lockouts (django-axes) with one limit per criterion, where axes has a single AXES_FAILURE_LIMIT.

The criteria are AXES_LOCKOUT_PARAMETERS: one account from one address (AXES_FAILURE_LIMIT), one
address whatever the accounts (LOGIN_FAILURE_LIMIT_PER_IP: password spraying), one account whatever
the addresses (LOGIN_FAILURE_LIMIT_PER_ACCOUNT). Axes stores the attempts and shows the lockout page;
this handler only decides when a criterion is over its own limit.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def login_username(request, credentials) -> str | None:
    """The address as typed, folded like the login does: "Camille@Example.org " is the same account."""
    if credentials:
        username = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        username = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return username.strip().lower() if isinstance(username, str) else username


def criterion_limit(parameter, request, credentials) -> int:
    names = {parameter} if isinstance(parameter, str) else set(parameter)
    if names == {"ip_address"}:
        return settings.LOGIN_FAILURE_LIMIT_PER_IP
    if names == {"username"}:
        return settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT
    return get_failure_limit(request, credentials)


class LoginLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures of the criterion closest to its own limit, shifted onto AXES_FAILURE_LIMIT's
        scale: axes compares this one number with AXES_FAILURE_LIMIT, which it then reaches exactly
        when some criterion reaches its limit."""
        parameters = get_lockout_parameters(request, credentials)
        attempts_per_criterion = self.get_user_attempts(request, credentials)
        remaining = min(
            criterion_limit(parameter, request, credentials)
            - (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            for parameter, attempts in zip(parameters, attempts_per_criterion, strict=True)
        )
        return max(get_failure_limit(request, credentials) - remaining, 0)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A login proves one account's password: it clears that account's failures from this address
        only. Axes would clear every criterion, so an attacker could wipe their address's count by
        logging in to their own account between guesses at others'."""
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials), ip_address=request.axes_ip_address
        ).delete()
        return count

