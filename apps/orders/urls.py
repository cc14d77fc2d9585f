from django.urls import path

from apps.orders import views

urlpatterns = [
    path("orders/settlement/", views.SettlementView.as_view(), name="order-settlement"),
    path("orders/", views.OrderListView.as_view(), name="orders"),
    path("orders/<str:order_id>/uncommentgoods/", views.UncommentedGoodsView.as_view(), name="order-uncommented"),
    path("orders/<str:order_id>/comments/", views.CommentView.as_view(), name="order-comments"),
    path("orders/<str:order_id>/cancel/", views.CancelView.as_view(), name="order-cancel"),
    path("orders/<str:order_id>/receipt/", views.ReceiptView.as_view(), name="order-receipt"),
    # G5: a SKU's comments are the commented lines of its orders.
    path("skus/<int:sku_id>/comments/", views.SKUCommentListView.as_view(), name="sku-comments"),
]
