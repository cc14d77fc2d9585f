from django.urls import path

from apps.oauth import views

# <provider>: "qq" (docs/api.md, oauth) or "sina" (Weibo, the same three calls).
urlpatterns = [
    path("oauth/<str:provider>/authorization/", views.AuthorizationURLView.as_view(), name="oauth-authorization"),
    path("oauth/<str:provider>/user/", views.OAuthUserView.as_view(), name="oauth-user"),
]
