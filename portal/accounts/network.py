"""The client's address, for axes' login lockouts and the throttles of portal.accounts.throttle."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind the reverse proxy that production declares (SECURE_PROXY_SSL_HEADER) the
    last X-Forwarded-For entry: the one the proxy appended; earlier entries are whatever the client sent.
    Without this, every visitor would share the proxy's address and its limits."""
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return remote
