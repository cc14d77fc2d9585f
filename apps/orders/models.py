"""Orders, their lines, the history of their status and their payments. The catalog reads
the comments shoppers leave on order lines (G5)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class OrderInfo(models.Model):
    class PayMethod(models.IntegerChoices):
        CASH = 1, "货到付款"
        ALIPAY = 2, "支付宝"

    class Status(models.IntegerChoices):
        UNPAID = 1, "待支付"
        UNSEND = 2, "待发货"
        UNRECEIVED = 3, "待收货"
        UNCOMMENT = 4, "待评价"
        FINISHED = 5, "已完成"
        CANCELED = 6, "已取消"

    order_id = models.CharField("订单号", max_length=64, primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="下单用户", related_name="orders", on_delete=models.PROTECT
    )
    address = models.ForeignKey("users.Address", verbose_name="收货地址", related_name="+", on_delete=models.PROTECT)
    # What the address said when the order was placed: the shopper may edit it later.
    receiver = models.CharField("收货人", max_length=20)
    receiver_mobile = models.CharField("收货人手机号", max_length=11)
    address_text = models.CharField("收货地址", max_length=200)
    total_count = models.PositiveIntegerField("商品总数", default=1)
    total_amount = models.DecimalField("商品总金额", max_digits=10, decimal_places=2)
    freight = models.DecimalField("运费", max_digits=10, decimal_places=2)
    pay_method = models.PositiveSmallIntegerField("支付方式", choices=PayMethod.choices, default=PayMethod.ALIPAY)
    status = models.PositiveSmallIntegerField("订单状态", choices=Status.choices, default=Status.UNPAID)
    # NULL, not "": orders placed without a key never collide in the unique constraint.
    idempotency_key = models.CharField("幂等键", max_length=64, null=True, blank=True)  # noqa: DJ001
    create_time = models.DateTimeField("下单时间", auto_now_add=True, db_index=True)
    update_time = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        db_table = "tb_order_info"
        ordering = ["-create_time"]
        verbose_name = "订单"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["user", "idempotency_key"], name="orders_idempotency_key_per_user"),
            models.CheckConstraint(
                condition=Q(total_amount__gte=0) & Q(freight__gte=0), name="orders_money_not_negative"
            ),
            models.CheckConstraint(condition=Q(status__gte=1) & Q(status__lte=6), name="orders_status_known"),
            models.CheckConstraint(condition=Q(pay_method__in=[1, 2]), name="orders_pay_method_known"),
        ]

    def __str__(self) -> str:
        return self.order_id


class OrderGoods(models.Model):
    """One line of an order, and the shopper's comment on it once received."""

    order = models.ForeignKey(OrderInfo, verbose_name="订单", related_name="lines", on_delete=models.CASCADE)
    sku = models.ForeignKey("goods.SKU", verbose_name="商品SKU", related_name="order_lines", on_delete=models.PROTECT)
    count = models.PositiveIntegerField("数量", default=1)
    price = models.DecimalField("单价", max_digits=10, decimal_places=2)
    comment = models.TextField("评价内容", blank=True, default="")
    score = models.PositiveSmallIntegerField("评分", default=5)
    is_anonymous = models.BooleanField("匿名评价", default=False)
    is_commented = models.BooleanField("已评价", default=False)
    create_time = models.DateTimeField("创建时间", auto_now_add=True)
    update_time = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        db_table = "tb_order_goods"
        ordering = ["id"]
        verbose_name = "订单商品"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["sku", "is_commented", "update_time"], name="order_goods_sku_comments")]
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=5), name="orders_goods_score_0_to_5"),
            models.CheckConstraint(condition=Q(count__gte=1), name="orders_goods_count_positive"),
            models.UniqueConstraint(fields=["order", "sku"], name="orders_goods_one_line_per_sku"),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.sku_id} × {self.count}"


class OrderEvent(models.Model):
    """One change of an order's status (placement included), for the shopper's timeline and
    the operators' audit."""

    order = models.ForeignKey(OrderInfo, verbose_name="订单", related_name="events", on_delete=models.CASCADE)
    from_status = models.PositiveSmallIntegerField("原状态", choices=OrderInfo.Status.choices, null=True, blank=True)
    to_status = models.PositiveSmallIntegerField("新状态", choices=OrderInfo.Status.choices)
    note = models.CharField("说明", max_length=200, blank=True, default="")
    create_time = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        db_table = "tb_order_event"
        ordering = ["create_time", "id"]
        verbose_name = "订单状态记录"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status} → {self.to_status}"


class Payment(models.Model):
    """A payment Alipay confirmed for an order; one per Alipay trade."""

    order = models.ForeignKey(OrderInfo, verbose_name="订单", related_name="payments", on_delete=models.PROTECT)
    trade_id = models.CharField("支付宝交易号", max_length=100, unique=True)
    amount = models.DecimalField("支付金额", max_digits=10, decimal_places=2)
    create_time = models.DateTimeField("支付时间", auto_now_add=True)

    class Meta:
        db_table = "tb_payment"
        ordering = ["-create_time"]
        verbose_name = "支付记录"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.order_id}: {self.trade_id}"
