"""Which addresses `claimcheck links` may fetch: http(s) to public hosts only.

The addresses come from pull requests, and the link check runs on a CI machine: a
`file:` or `data:` address, or one that reaches the machine itself (loopback), its cloud
metadata service (link-local 169.254.169.254) or a private network must never be fetched.
Every redirect is held to the same rule (see ``SafeRedirects``), and every connection too
(see ``opener``): a host name is resolved once, at connect time, and the connection goes to
the address that was checked, so a name that answers "public" to the check and "private"
to the fetch (DNS rebinding) reaches nothing.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import HTTPHandler, HTTPRedirectHandler, HTTPSHandler, build_opener

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


class NotPublic(OSError):
    """A host that resolved, at connect time, to an address that must not be reached."""


def connect_public(address: tuple[str, int], timeout=socket._GLOBAL_DEFAULT_TIMEOUT,
                   source_address=None, allow: frozenset = frozenset()) -> socket.socket:
    """``socket.create_connection``, but the name is resolved once, every address it gives
    must be public (hosts in ``allow`` are exempt), and the socket connects to one of
    exactly those addresses."""
    host, port = address
    name = host.lower().rstrip(".")
    if name in allow:
        return socket.create_connection(address, timeout, source_address)
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for info in infos:
        if reason := _address_reason(info[4][0]):
            raise NotPublic(f"its host {name} resolves to {reason}")
    error: OSError = OSError(f"no address for {name}")
    for family, kind, proto, _, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as err:
            sock.close()
            error = err
    raise error


def _proxied(req) -> bool:
    """Whether urllib sends this request through a proxy (the operator's own setting)."""
    return req.host.lower() != urlsplit(req.full_url).netloc.lower()


class _PublicOnly(HTTPSHandler, HTTPHandler):
    """urllib's http and https handler, with connections from ``connect_public``."""

    def __init__(self, allow: frozenset):
        super().__init__()
        self.allow = allow

    def http_open(self, req):
        return self._open(req, http.client.HTTPConnection, _Connection)

    def https_open(self, req):
        return self._open(req, http.client.HTTPSConnection, _SecureConnection, context=self._context)

    def _open(self, req, plain, checked, **kwargs):
        if _proxied(req):  # the proxy, set by whoever runs the check, resolves the name
            return self.do_open(plain, req, **kwargs)
        return self.do_open(functools.partial(checked, allow=self.allow), req, **kwargs)


class _Checked:
    """A connection whose TCP socket comes from ``connect_public``. Over TLS the certificate
    is still checked against the host name; only the address is the checked one."""

    def __init__(self, *args, allow: frozenset = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = functools.partial(connect_public, allow=allow)


class _Connection(_Checked, http.client.HTTPConnection):
    pass


class _SecureConnection(_Checked, http.client.HTTPSConnection):
    pass


def opener(allow: frozenset = frozenset()):
    """A urllib opener that reaches only public addresses, redirects included."""
    return build_opener(SafeRedirects(allow), _PublicOnly(allow))
