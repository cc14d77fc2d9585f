from typing import Any

from django.http import HttpResponse
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from meiduo_mall.utils.outages import outage_response


class ServiceError(Exception):
    """A request a service refuses, with the sentence the shopper sees. Views let it
    through; the handler below answers `{"message"}` with `status_code`."""

    status_code = 400

    def __init__(self, message: str, *, fields: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        # Field errors to send along, for clients that read them (`{"password": [...]}`).
        self.fields = fields or {}


class NotFoundError(ServiceError):
    status_code = 404


class ThrottledError(ServiceError):
    status_code = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponse | None:
    """DRF's handler, plus: a database, Redis or broker outage is a 503 `{"message"}`
    instead of a 500; a ServiceError is its `{"message"}`; and DRF's `{"detail"}` errors
    also carry `message`, the key the storefronts read (api.md §1)."""
    if isinstance(exc, ServiceError):
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, ThrottledError) else None
        return Response({**exc.fields, "message": exc.message}, status=exc.status_code, headers=headers)
    response = drf_exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        return outage_response(exc, request.get_full_path() if request else repr(context.get("view")))
    data = response.data
    if not isinstance(exc, ValidationError) and isinstance(data, dict) and "detail" in data and "message" not in data:
        data["message"] = data["detail"]
    return response
