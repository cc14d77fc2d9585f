from django.urls import path

from apps.payment import views

urlpatterns = [
    path("orders/<str:order_id>/payment/", views.PaymentURLView.as_view(), name="order-payment"),
    path("payment/status/", views.PaymentStatusView.as_view(), name="payment-status"),
    path("payment/alipay/notify/", views.AlipayNotifyView.as_view(), name="alipay-notify"),
]
