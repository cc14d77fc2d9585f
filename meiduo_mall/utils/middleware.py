from collections.abc import Callable

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
