"""Content negotiation for an API that answers JSON only."""

from collections.abc import Iterable
from typing import Any

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request


class JSONAPINegotiation(DefaultContentNegotiation):
    """A view with one renderer (every API view: JSON) answers with it, whatever the Accept
    header says, without matching the header against it on each request; views with several
    (the OpenAPI schema's) negotiate as DRF does. Request bodies are parsed as DRF does."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        choices = list(renderers)
        if len(choices) == 1 and not format_suffix:
            return choices[0], choices[0].media_type
        selected: Any = super().select_renderer(request, choices, format_suffix)
        return selected
