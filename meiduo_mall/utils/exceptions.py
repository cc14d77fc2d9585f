from typing import Any

from django.http import HttpResponse
from rest_framework.exceptions import ValidationError
from rest_framework.views import exception_handler as drf_exception_handler

from meiduo_mall.utils.outages import outage_response


def exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponse | None:
    """DRF's handler, plus: a database, Redis or broker outage is a 503 `{"message"}`
    instead of a 500; and DRF's `{"detail"}` errors also carry `message`, the key the
    storefronts read (api.md §1)."""
    response = drf_exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        return outage_response(exc, request.get_full_path() if request else repr(context.get("view")))
    data = response.data
    if not isinstance(exc, ValidationError) and isinstance(data, dict) and "detail" in data and "message" not in data:
        data["message"] = data["detail"]
    return response
