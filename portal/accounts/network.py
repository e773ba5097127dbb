"""The client's address, for axes' login lockouts and the throttles of portal.accounts.throttle."""

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in trusted)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    """REMOTE_ADDR, unless it is one of the TRUSTED_PROXIES: then the X-Forwarded-For entry that the
    outermost trusted proxy received the request from.

    Each proxy appends the address it was reached from, so the list is read from the right, skipping
    our own proxies; the first other address is the client. Entries further left are whatever the
    client wrote, and a client that is not a trusted proxy may write the whole header: it is ignored.
    Without a trusted proxy, every visitor would share the proxy's address and its limits.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(remote, networks):
        return remote
    client = remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        try:
            client = str(ipaddress.ip_address(entry.strip()))
        except ValueError:
            # Not written by one of our proxies: the nearest address known for certain stands.
            break
        if not _trusted(client, networks):
            break
    return client
