"""The admin's login: the same throttle and lockout as shoppers' (apps/users/services.py,
user_login): LOGINS_PER_IP_PER_5_MINUTES per client address, and an account waits
LOGIN_FAILURE_WINDOW_SECONDS after LOGIN_FAILURE_LIMIT wrong passwords."""

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm

from apps.users.services import user_login
from meiduo_mall.utils.exceptions import ServiceError, ThrottledError
from meiduo_mall.utils.ratelimit import client_ip


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    def clean(self) -> dict[str, Any]:
        account, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if account is None or not password:
            return self.cleaned_data
        address = client_ip(self.request) if self.request is not None else "unknown"
        try:
            self.user_cache = user_login(account=account, password=password, client_ip=address)
        except ThrottledError as error:
            raise forms.ValidationError(error.message, code="throttled") from error
        except ServiceError as error:
            raise self.get_invalid_login_error() from error
        self.confirm_login_allowed(self.user_cache)  # staff only, active only
        return self.cleaned_data
