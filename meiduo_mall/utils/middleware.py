import contextlib
import ipaddress
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth import middleware as auth
from django.contrib.messages import middleware as messages
from django.contrib.sessions import middleware as sessions
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware import csrf

from meiduo_mall.utils.errors import wants_html
from meiduo_mall.utils.log import new_request_id, request_id
from meiduo_mall.utils.outages import outage_response

REQUEST_ID_HEADER = "X-Request-ID"
# What an id from the proxy may look like: nginx's $request_id (32 hex digits), a UUID, ...
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


@cache
def _trusted_networks(proxies: tuple[str, ...]) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(network, strict=False) for network in proxies]


def from_trusted_proxy(request: HttpRequest) -> bool:
    """Whether the request's direct peer is one of TRUSTED_PROXIES (nginx), whose headers
    may be believed."""
    try:
        ip = ipaddress.ip_address(str(request.META.get("REMOTE_ADDR", "")))
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


class RequestIDMiddleware:
    """Gives each request an id: the proxy's X-Request-ID when it comes from a trusted proxy
    (nginx sets $request_id and logs it too), else a new one. The response carries it back,
    so a shopper reporting an error can quote it. First in MIDDLEWARE: it must see the
    proxy's address before RealClientIPMiddleware replaces it with the client's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(REQUEST_ID_HEADER, "")
        trusted = bool(_VALID_REQUEST_ID.fullmatch(given)) and from_trusted_proxy(request)
        request_id.set(given if trusted else new_request_id())
        # Kept until the response is closed (forget_request_id): Django logs 4xx answers
        # after the middleware has returned.
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id.get()
        return response


@receiver(request_finished, dispatch_uid="meiduo_forget_request_id")
def forget_request_id(**kwargs: object) -> None:
    request_id.set("-")


class ServiceUnavailableMiddleware:
    """A 503 with a message, not a 500, when a non-DRF view (the admin, /health/) hits a
    database or Redis outage: a page for a browser, JSON for the rest. DRF views get the
    JSON from the exception handler."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return outage_response(exception, request.get_full_path(), html=wants_html(request))


class RealClientIPMiddleware:
    """Behind nginx, REMOTE_ADDR is nginx's address. When the request comes from a proxy in
    TRUSTED_PROXIES, take the client's address from the X-Real-IP header nginx sets
    (deploy/nginx/meiduo.conf.template), so the throttles of captchas, SMS codes and logins
    count each shopper, not the proxy. From anyone else the header is ignored: it could be
    forged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        real = request.META.get("HTTP_X_REAL_IP", "").strip()
        if real and from_trusted_proxy(request):
            with contextlib.suppress(ValueError):  # not an address: keep the proxy's
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(real))
        return self.get_response(request)


# --- what only the admin needs ------------------------------------------------------------------------


def uses_sessions(request: HttpRequest) -> bool:
    """Whether the request is for the part of the site that logs in with a session cookie
    (the admin, SESSION_PATH_PREFIXES); the API authenticates with JWTs."""
    return request.path_info.startswith(tuple(settings.SESSION_PATH_PREFIXES))


class SessionPathsOnly:
    """Mixed into Django's session, CSRF, user and message middleware: each runs only for the
    paths that use sessions, and costs nothing on the API, which needs none of them (its views
    authenticate with JWTs and are exempt from CSRF). Subclasses, so that the admin's checks
    still find the middleware it needs."""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if uses_sessions(request):
            return super().__call__(request)  # type: ignore[misc]
        return self.get_response(request)  # type: ignore[attr-defined]


class SessionMiddleware(SessionPathsOnly, sessions.SessionMiddleware):
    pass


class CsrfViewMiddleware(SessionPathsOnly, csrf.CsrfViewMiddleware):
    def process_view(self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any) -> Any:
        return super().process_view(request, view, args, kwargs) if uses_sessions(request) else None


class AuthenticationMiddleware(SessionPathsOnly, auth.AuthenticationMiddleware):
    pass


class MessageMiddleware(SessionPathsOnly, messages.MessageMiddleware):
    pass
