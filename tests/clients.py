"""API clients as the storefront holds them, and a terminal as an operator runs commands in."""

import io

from rest_framework.test import APIClient

from apps.users.models import User
from apps.users.services import login_tokens


def logged_in_as(user: User) -> APIClient:
    """An API client sending `user`'s JWT, as the storefront does after login."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"JWT {login_tokens(user=user).access}")
    return client


class Terminal(io.StringIO):
    """What a command writes to a terminal (where progress bars are drawn)."""

    def isatty(self) -> bool:
        return True
