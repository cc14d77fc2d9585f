from typing import Any

from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from meiduo_mall.utils.outages import (
    RETRY_AFTER_SECONDS,
    log_service_unavailable,
    service_unavailable_message,
)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus: a database, Redis or broker outage is a 503 `{"message"}`
    instead of a 500; and DRF's `{"detail"}` errors also carry `message`, the key the
    storefronts read (api.md §1)."""
    response = drf_exception_handler(exc, context)
    if response is None:
        message = service_unavailable_message(exc)
        if message is None:
            return None
        request = context.get("request")
        log_service_unavailable(exc, request.get_full_path() if request else repr(context.get("view")))
        return Response(
            {"message": message},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    data = response.data
    if not isinstance(exc, ValidationError) and isinstance(data, dict) and "detail" in data and "message" not in data:
        data["message"] = data["detail"]
    return response
