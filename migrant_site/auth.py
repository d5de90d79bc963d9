"""Sign-in details for django-axes."""

import ipaddress

from django.conf import settings


def axes_username(request, credentials):
    """The username axes records, cut to its column's 255 characters.

    Django's login form does not enforce the username's length on the server, so an absurdly
    long one reaches axes, and PostgreSQL would refuse to store it (a 500 instead of the form).
    """
    if credentials:
        username = credentials.get("username") or ""
    else:
        username = request.POST.get("username", "")
    return username[:255]


def is_trusted_proxy(address):
    """The address is one of FORWARDED_ALLOW_IPS (addresses or networks; "*" trusts any)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    ip = getattr(ip, "ipv4_mapped", None) or ip  # ::ffff:127.0.0.1 is 127.0.0.1
    for allowed in settings.FORWARDED_ALLOW_IPS:
        if allowed == "*":
            return True
        try:
            if ip in ipaddress.ip_network(allowed, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request):
    """The visitor's address, for axes (AXES_CLIENT_IP_CALLABLE).

    Behind the TLS proxy every request comes from the proxy, which appends the address it saw
    to X-Forwarded-For. That header is read only when the request comes from a trusted proxy,
    and from the right: anything left of the proxies' own entries was sent by the client and
    may be made up.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for entry in reversed(forwarded):
        try:
            ip = ipaddress.ip_address(entry.strip())
        except ValueError:
            break
        if getattr(ip, "scope_id", None):  # fe80::1%eth0: no column stores that
            break
        address = str(ip)
        if "*" in settings.FORWARDED_ALLOW_IPS or not is_trusted_proxy(address):
            return address
    return remote
