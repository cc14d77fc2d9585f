"""Error answers of the API host. API clients get `{"message"}` JSON like every other API
error; a browser asking for HTML (an operator mistyping an admin URL) gets Django's page."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults


def json_message(message: str, status: int) -> JsonResponse:
    return JsonResponse({"message": message}, status=status, json_dumps_params={"ensure_ascii": False})


def wants_html(request: HttpRequest) -> bool:
    return "text/html" in request.headers.get("Accept", "")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if wants_html(request):
        return defaults.page_not_found(request, exception)
    return json_message("请求的地址不存在", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    if wants_html(request):
        return defaults.server_error(request)
    return json_message("服务器内部错误，请稍后再试", 500)
