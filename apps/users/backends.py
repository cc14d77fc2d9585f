from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from apps.users.models import User
from apps.users.selectors import user_by_account


class UsernameOrMobileBackend(ModelBackend):
    """Django's backend, with the account looked up by mobile when it looks like one."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if not username or password is None:
            return None
        user = user_by_account(username)
        if user is None:
            # Same work as for a real account, so timing does not tell which accounts exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
