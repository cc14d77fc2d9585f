from django.urls import path

from apps.areas import views

urlpatterns = [
    path("areas/", views.ProvinceListView.as_view(), name="area-list"),
    path("areas/<int:pk>/", views.AreaDetailView.as_view(), name="area-detail"),
]
