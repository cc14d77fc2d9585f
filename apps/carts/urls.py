from django.urls import path

from apps.carts import views

# Variant B storefronts call /carts/ (docs/api.md, other spellings): both spellings are served.
urlpatterns = [
    path("cart/", views.CartView.as_view(), name="cart"),
    path("cart/selection/", views.CartSelectionView.as_view(), name="cart-selection"),
    path("carts/", views.CartView.as_view(), name="carts"),
    path("carts/selection/", views.CartSelectionView.as_view(), name="carts-selection"),
]
