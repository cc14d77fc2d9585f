from django.urls import path

from apps.orders import views

urlpatterns = [
    path("orders/settlement/", views.SettlementView.as_view(), name="order-settlement"),
    path("orders/", views.OrderListView.as_view(), name="orders"),
]
