from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from apps.users.validators import MOBILE_PATTERN, mobile_validator


class User(AbstractUser):
    """A shopper or an operator. Shoppers log in with their username or their mobile."""

    mobile = models.CharField("手机号", max_length=11, unique=True, validators=[mobile_validator])
    email_active = models.BooleanField("邮箱已验证", default=False)

    REQUIRED_FIELDS = ["mobile", "email"]

    class Meta(AbstractUser.Meta):
        db_table = "tb_users"
        verbose_name = "用户"
        verbose_name_plural = verbose_name
        constraints = [
            models.CheckConstraint(condition=Q(mobile__regex=MOBILE_PATTERN), name="users_user_mobile_format"),
        ]

    def __str__(self) -> str:
        return self.username
