from collections.abc import Callable
from typing import Any
from urllib.parse import quote_plus

from django.core.paginator import InvalidPage, Page, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.utils.encoding import escape_uri_path
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from meiduo_mall.utils.exceptions import ServiceError
from meiduo_mall.utils.versioned_cache import as_json
from meiduo_mall.utils.views import json_bytes_response

# A list served page by page: fetch(number, size) → (how many rows the list has, the page's
# rows as the JSON array sent).
PageFetch = Callable[[int, int], tuple[int, bytes]]


class StandardResultsSetPagination(PageNumberPagination):
    """`?page=N&page_size=M` → `{"count", "next", "previous", "results"}` (docs/api.md, conventions).

    A page size that is given must be a positive whole number (at most `max_page_size` is
    served): `page_size=false` or `page_size=0` is a 400, not silently the default."""

    page_size = 10
    page_size_query_param = "page_size"
    max_page_size = 20
    page_query_description = "页码，从 1 开始；超出最后一页是 404"
    page_size_query_description = f"每页数量，默认 {page_size}，最多 {max_page_size}（更大的值按 {max_page_size}）"

    def get_page_size(self, request: Request) -> int:
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return self.page_size
        try:
            size = int(given)
        except ValueError:
            size = 0
        if size < 1:
            raise ServiceError(f"每页数量 page_size 应为 1 到 {self.max_page_size} 的整数")
        return min(size, self.max_page_size)

    def fetched_page_response(self, request: Request, fetch: PageFetch) -> HttpResponse:
        """The paginated answer of a list whose pages are fetched (from a cache, as the JSON
        sent) with their count, rather than sliced from a queryset counted each time; the same
        body, links, page numbers (`last` included) and 404s as `paginate_queryset`."""
        self.request = request
        size = self.get_page_size(request)
        raw: Any = request.query_params.get(self.page_query_param) or 1
        if raw in self.last_page_strings:
            raw = PrecountedPaginator(fetch(1, size)[0], size).num_pages
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = 0
        count, rows = fetch(number, size) if number >= 1 else (0, b"[]")
        paginator = PrecountedPaginator(count, size)
        try:
            self.page = Page([], paginator.validate_number(raw), paginator)
        except InvalidPage as exc:
            raise NotFound(self.invalid_page_message.format(page_number=raw, message=str(exc))) from None
        number = self.page.number
        link = self.page_links(request)
        following = link(number + 1) if number < paginator.num_pages else None
        preceding = link(number - 1) if number > 1 else None
        links = as_json({"count": count, "next": following, "previous": preceding})
        return json_bytes_response(links[:-1] + b',"results":' + rows + b"}")  # the rows spliced in as sent

    def page_links(self, request: Request) -> Callable[[int], str]:
        """The URL of each page of this list, as DRF's next/previous links are (the request's
        URL with `page` set, or dropped for the first page, the parameters sorted and encoded
        as urlencode does), made from the query the request parsed already, each parameter
        encoded once, instead of building, splitting and parsing the absolute URL for each."""
        base = f"{request.scheme}://{request.get_host()}{escape_uri_path(request.path)}"
        page = self.page_query_param
        encoded = {
            name: "&".join(f"{quote_plus(name)}={quote_plus(value)}" for value in values)
            for name, values in request.query_params.lists()
            if name != page
        }

        def link(number: int) -> str:
            parts = encoded if number == 1 else {**encoded, page: f"{quote_plus(page)}={number}"}
            query = "&".join(parts[name] for name in sorted(parts) if parts[name])
            return f"{base}?{query}" if query else base

        return link

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """`page` and `page_size` as documented in the OpenAPI schema: whole numbers from 1."""
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters


class OneSearchPaginator(Paginator):
    """A paginator for a Haystack SearchQuerySet that asks the search engine once per page:
    the page's slice is searched first, and the total comes with it (Haystack keeps the hit
    count of the search it ran). Django's Paginator counts first, which is a search of its own."""

    def page(self, number: Any) -> Page:
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        bottom = (wanted - 1) * self.per_page
        results: Any = self.object_list
        hits = list(results[bottom : bottom + self.per_page]) if wanted >= 1 else []
        self.__dict__["count"] = results.count()  # Paginator.count is a cached property
        return Page(hits, self.validate_number(wanted), self)


class SearchResultsPagination(StandardResultsSetPagination):
    """Pages of search results, one search per page."""

    django_paginator_class = OneSearchPaginator


class PrecountedPaginator(Paginator):
    """A paginator told how many rows the list has, instead of counting them."""

    def __init__(self, count: int, per_page: int) -> None:
        super().__init__([], per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached property
