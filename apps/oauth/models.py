"""A QQ or Weibo identity bound to a Meiduo account. An identity is bound at most once
(unique in the database); an account may carry several."""

from django.conf import settings
from django.db import models


class OAuthBinding(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE)
    create_time = models.DateTimeField("绑定时间", auto_now_add=True)
    update_time = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class OAuthQQUser(OAuthBinding):
    openid = models.CharField("QQ openid", max_length=64, unique=True)

    class Meta:
        db_table = "tb_oauth_qq"
        verbose_name = "QQ 登录用户"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"QQ {self.openid} → {self.user_id}"


class OAuthSinaUser(OAuthBinding):
    uid = models.CharField("微博 uid", max_length=64, unique=True)

    class Meta:
        db_table = "tb_oauth_sina"
        verbose_name = "微博登录用户"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"Weibo {self.uid} → {self.user_id}"
