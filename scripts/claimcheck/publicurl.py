"""Which addresses `claimcheck links` may fetch: http(s) to public hosts only.

The addresses come from pull requests, and the link check runs on a CI machine: a
`file:` or `data:` address, or one that reaches the machine itself (loopback), its cloud
metadata service (link-local 169.254.169.254) or a private network must never be fetched.
Every redirect is held to the same rule (see ``SafeRedirects``).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler

_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".home.arpa")


def _address_reason(address: str) -> str | None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "a loopback address (this machine)"
    if ip.is_link_local:
        return "a link-local address (such as a cloud metadata service)"
    if ip.is_private or ip.is_reserved or ip.is_multicast or ip.is_unspecified or not ip.is_global:
        return "a private or reserved address"
    return None


def refusal(url: str, resolve: bool = True, allow: frozenset = frozenset()) -> str | None:
    """Why ``url`` must not be fetched, or None when it is http(s) to a public host.

    Host names are resolved and every address they resolve to must be public; a name that
    does not resolve here is left to the fetch, which will report it unreachable. Hosts in
    ``allow`` (given on the command line, for tests) are exempt from the public rule."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError as err:
        return f"not a valid address ({err})"
    if parts.scheme not in ("http", "https"):
        return f"its scheme is '{parts.scheme or '(none)'}:'; only http and https are fetched"
    if not host:
        return "it names no host"
    if parts.username or parts.password:
        return "it carries a user name or password"
    name = host.lower().rstrip(".")
    if name in allow:
        return None
    if name == "localhost" or name.endswith(_LOCAL_NAMES):
        return "its host is a local name"
    try:
        return _address_reason(name)
    except ValueError:
        pass  # a name, not an address literal
    if not resolve:
        return None
    try:
        infos = socket.getaddrinfo(name, port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return None
    for info in infos:
        if reason := _address_reason(info[4][0]):
            return f"its host {name} resolves to {reason}"
    return None


class SafeRedirects(HTTPRedirectHandler):
    """Follows a redirect only to an address ``refusal`` allows."""

    def __init__(self, allow: frozenset = frozenset()):
        super().__init__()
        self.allow = allow

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if reason := refusal(newurl, allow=self.allow):
            raise URLError(f"redirect to {newurl} refused: {reason}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)
