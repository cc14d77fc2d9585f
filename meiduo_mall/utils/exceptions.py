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


def first_error(errors: Any) -> str:
    """The first message in DRF's nested error structure."""
    while isinstance(errors, dict | list) and errors:
        errors = next(iter(errors.values())) if isinstance(errors, dict) else errors[0]
    return str(errors) if errors else "请求参数有误"


def exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponse | None:
    """DRF's handler, plus: a database, Redis or broker outage is a 503 `{"message"}`
    instead of a 500; a ServiceError is its `{"message"}` (with its field errors); and every
    other error body also carries `message`, the key the storefronts read: a validation
    error's first message beside its field errors, DRF's `detail` otherwise. One shape,
    `{"message": ..., <field>: [...]}` (docs/api.md, conventions); the only other is the
    bare list of messages order placement answers, as classic storefronts read it."""
    if isinstance(exc, ServiceError):
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, ThrottledError) else None
        return Response({**exc.fields, "message": exc.message}, status=exc.status_code, headers=headers)
    response = drf_exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        return outage_response(exc, request.get_full_path() if request else repr(context.get("view")))
    data = response.data
    if isinstance(data, dict) and "message" not in data:
        validation = isinstance(exc, ValidationError)
        data["message"] = first_error(data) if validation or "detail" not in data else data["detail"]
    return response
