"""Limits on the forms that create accounts or send e-mails (sign-up, password reset, new confirmation
link), per client address and per e-mail address. Failed logins are axes' business.

The counters live in the default cache, which every web worker must share (settings: the database
cache by default, CACHE_URL): a per-process cache would let each worker count on its own. The cache's
increment is a read then a write, so requests racing at the same instant may be counted once: a
limit can be overrun by about as many requests as there are workers, not more.
"""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache

from .network import client_ip

IP_REFUSAL = "Trop de demandes depuis votre connexion. Réessayez dans une heure."
EMAIL_REFUSAL = "Trop de demandes pour cette adresse électronique. Réessayez dans une heure."


@dataclass(frozen=True)
class Throttle:
    scope: str
    per_ip: int
    per_email: int
    window_seconds: int = 3600


# A family or an office may share one address: the per-IP limits leave room for several people.
SIGNUP = Throttle("signup", per_ip=10, per_email=3)
PASSWORD_RESET = Throttle("password-reset", per_ip=10, per_email=3)
CONFIRMATION_RESEND = Throttle("confirmation-resend", per_ip=10, per_email=3)


def _count(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:
        # The counter expired between add() and incr().
        cache.set(key, 1, timeout=timeout)
        return 1


def throttle_refusal(request, throttle: Throttle, *, email: str = "") -> str:
    """Count this attempt and return the French message refusing it, or "" when it is within the limits.

    Fixed windows: counters start again at each new window (an hour by default)."""
    window = int(time.time()) // throttle.window_seconds
    prefix = f"throttle:{throttle.scope}:{window}"
    ip = client_ip(request) or "unknown"
    over_ip = _count(f"{prefix}:ip:{ip}", throttle.window_seconds) > throttle.per_ip
    over_email = False
    email = (email or "").strip().lower()
    if email:
        # Hashed: cache keys must stay short and printable, and addresses are personal data.
        digest = hashlib.sha256(email.encode()).hexdigest()[:32]
        over_email = _count(f"{prefix}:email:{digest}", throttle.window_seconds) > throttle.per_email
    if over_ip:
        return IP_REFUSAL
    if over_email:
        return EMAIL_REFUSAL
    return ""
