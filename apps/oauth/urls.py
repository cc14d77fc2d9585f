from django.urls import path

from apps.oauth import views

# <provider>: "qq" (api.md §4) or "sina" (Weibo, the same three calls).
urlpatterns = [
    path("oauth/<str:provider>/authorization/", views.AuthorizationURLView.as_view(), name="oauth-authorization"),
    path("oauth/<str:provider>/user/", views.OAuthUserView.as_view(), name="oauth-user"),
]
