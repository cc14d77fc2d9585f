from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac

from meiduo_mall.utils.validators import MOBILE_PATTERN, mobile_validator


class User(AbstractUser):
    """A shopper or an operator. Shoppers log in with their username or their mobile."""

    mobile = models.CharField("手机号", max_length=11, unique=True, validators=[mobile_validator])
    email_active = models.BooleanField("邮箱已验证", default=False)
    default_address = models.ForeignKey(
        "users.Address",
        verbose_name="默认地址",
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

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

    @property
    def password_stamp(self) -> str:
        """Changes whenever the password does (a change, a reset, an operator setting it): the
        JWTs carry it (meiduo_mall/utils/authentication.py) and password-reset tokens too, so
        each works only until the password changes. Keyed with SECRET_KEY: reveals nothing
        of the hash."""
        return salted_hmac("meiduo.users.password-stamp", self.password).hexdigest()[:16]


class LiveAddressManager(models.Manager["Address"]):
    """Addresses the shopper has not deleted (deleted ones stay for old orders)."""

    def get_queryset(self) -> models.QuerySet["Address"]:
        return super().get_queryset().filter(is_deleted=False)


class Address(models.Model):
    """A delivery address in a shopper's address book. Deleting one only marks it."""

    MAX_LIVE_PER_USER = 20

    user = models.ForeignKey(User, verbose_name="用户", related_name="addresses", on_delete=models.CASCADE)
    title = models.CharField("地址名称", max_length=20)
    receiver = models.CharField("收货人", max_length=20)
    province = models.ForeignKey("areas.Area", verbose_name="省", related_name="+", on_delete=models.PROTECT)
    city = models.ForeignKey("areas.Area", verbose_name="市", related_name="+", on_delete=models.PROTECT)
    district = models.ForeignKey("areas.Area", verbose_name="区县", related_name="+", on_delete=models.PROTECT)
    place = models.CharField("详细地址", max_length=50)
    mobile = models.CharField("手机号", max_length=11, validators=[mobile_validator])
    tel = models.CharField("固定电话", max_length=20, blank=True, default="")
    email = models.EmailField("电子邮箱", max_length=254, blank=True, default="")
    is_deleted = models.BooleanField("已删除", default=False)
    create_time = models.DateTimeField("创建时间", auto_now_add=True)
    update_time = models.DateTimeField("更新时间", auto_now=True)

    objects = models.Manager()
    live = LiveAddressManager()

    class Meta:
        db_table = "tb_address"
        verbose_name = "收货地址"
        verbose_name_plural = verbose_name
        ordering = ["-create_time", "-id"]
        indexes = [models.Index(fields=["user", "is_deleted"], name="address_user_live")]
        constraints = [
            models.CheckConstraint(condition=Q(mobile__regex=MOBILE_PATTERN), name="users_address_mobile_format"),
        ]

    def __str__(self) -> str:
        return f"{self.receiver} {self.place}"
