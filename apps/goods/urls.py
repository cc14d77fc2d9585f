from django.urls import path

from apps.goods import views

urlpatterns = [
    path("categories/<int:category_id>/skus/", views.SKUListView.as_view(), name="category-skus"),
    path("categories/<int:category_id>/hotskus/", views.HotSKUListView.as_view(), name="category-hot-skus"),
    path("categories/<int:category_id>/", views.CategoryView.as_view(), name="category"),
    path("skus/search/", views.SKUSearchView.as_view(), name="sku-search"),
    path("browse_histories/", views.BrowseHistoryView.as_view(), name="browse-history"),
]
