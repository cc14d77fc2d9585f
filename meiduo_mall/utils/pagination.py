from rest_framework.pagination import PageNumberPagination


class StandardResultsSetPagination(PageNumberPagination):
    """`?page=N&page_size=M` → `{"count", "next", "previous", "results"}` (api.md §1)."""

    page_size = 10
    page_size_query_param = "page_size"
    max_page_size = 20
