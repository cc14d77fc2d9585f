"""The operators' orders: find an order by id, shopper or mobile, see its lines, history and
payments, and ship it. Money and lines are never edited here."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from apps.orders import services
from apps.orders.models import OrderEvent, OrderGoods, OrderInfo, Payment


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class OrderGoodsInline(ReadOnlyInline):
    model = OrderGoods
    fields = ("sku", "count", "price", "is_commented", "score", "comment")
    readonly_fields = fields


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ("create_time", "from_status", "to_status", "note")
    readonly_fields = fields


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = ("trade_id", "amount", "create_time")
    readonly_fields = fields


@admin.register(OrderInfo)
class OrderInfoAdmin(admin.ModelAdmin):
    # Narrow enough for a 1280 px screen: the receiver and their mobile share a column.
    list_display = ("order_id", "user", "receiver_and_mobile", "total_amount", "pay_method", "status", "create_time")
    list_filter = ("status", "pay_method")
    # Browsing by year, month and day needs MariaDB's time zone tables (scripts/services.sh and
    # the MariaDB image load them).
    date_hierarchy = "create_time"
    # Part of an order id (its date, its tail), the shopper's name or mobile, the receiver's.
    search_fields = ("order_id", "user__username", "user__mobile", "receiver_mobile", "receiver")
    search_help_text = "订单号（可只输入一部分）、用户名、用户手机号、收货人或收货人手机号"
    list_select_related = ("user",)
    readonly_fields = (
        "order_id", "user", "address", "receiver", "receiver_mobile", "address_text", "total_count", "total_amount",
        "freight", "pay_method", "status", "idempotency_key", "create_time", "update_time",
    )  # fmt: skip
    fieldsets = (
        ("订单", {"fields": ("order_id", "user", "status", "pay_method", ("create_time", "update_time"))}),
        ("金额", {"fields": (("total_count", "total_amount", "freight"),)}),
        ("收货", {"fields": ("receiver", "receiver_mobile", "address_text")}),
    )
    inlines = (OrderGoodsInline, PaymentInline, OrderEventInline)
    actions = ("mark_shipped",)

    @admin.display(description="收货人", ordering="receiver")
    def receiver_and_mobile(self, order: OrderInfo) -> str:
        return f"{order.receiver} {order.receiver_mobile}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # orders are placed by shoppers

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # cancel, never delete: the events and payments must stay

    @admin.action(description="标记为已发货")
    def mark_shipped(self, request: HttpRequest, queryset: QuerySet[OrderInfo]) -> None:
        ids = list(queryset.values_list("order_id", flat=True))
        moved = services.orders_mark_shipped(order_ids=ids)
        self.message_user(request, f"{moved} 个订单已标记为发货。")
        if moved < len(ids):
            self.message_user(request, f"{len(ids) - moved} 个订单不是待发货状态，未作改动。", level=messages.WARNING)
