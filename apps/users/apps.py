from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "apps.users"
    label = "users"
    verbose_name = "用户"

    def ready(self) -> None:
        from apps.users import signals  # noqa: F401 - connects the authentication entries' receivers
