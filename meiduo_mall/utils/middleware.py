import contextlib
import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from meiduo_mall.utils.outages import outage_response


class ServiceUnavailableMiddleware:
    """A 503 with a message, not a 500, when a non-DRF view (the admin, /health/) hits a
    database or Redis outage. DRF views get the same from the exception handler."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return outage_response(exception, request.get_full_path())


class RealClientIPMiddleware:
    """Behind nginx, REMOTE_ADDR is nginx's address. When the request comes from a proxy in
    TRUSTED_PROXIES, take the client's address from the X-Real-IP header nginx sets
    (deploy/nginx/meiduo.conf.template), so the throttles of captchas, SMS codes and logins
    count each shopper, not the proxy. From anyone else the header is ignored: it could be
    forged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.proxies = [ipaddress.ip_network(network, strict=False) for network in settings.TRUSTED_PROXIES]

    def _trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.proxies)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        real = request.META.get("HTTP_X_REAL_IP", "").strip()
        if real and self._trusted(str(request.META.get("REMOTE_ADDR", ""))):
            with contextlib.suppress(ValueError):  # not an address: keep the proxy's
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(real))
        return self.get_response(request)
