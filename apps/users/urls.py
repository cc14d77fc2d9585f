from django.urls import path, re_path

from apps.users import views

urlpatterns = [
    # (the captcha and SMS codes, §2, are the verifications app's)
    # §3 registration and login
    path("usernames/<str:username>/count/", views.UsernameCountView.as_view(), name="username-count"),
    path("mobiles/<str:mobile>/count/", views.MobileCountView.as_view(), name="mobile-count"),
    path("users/", views.UserCreateView.as_view(), name="user-create"),
    path("authorizations/", views.LoginView.as_view(), name="login"),
    path("authorizations/refresh/", views.RefreshView.as_view(), name="login-refresh"),
    # §5 password reset and change (variant B says "passwords")
    path("accounts/<str:account>/sms/token/", views.PasswordResetStartView.as_view(), name="password-reset-start"),
    path(
        "accounts/<str:account>/password/token/", views.PasswordResetVerifyView.as_view(), name="password-reset-verify"
    ),
    path("users/<int:user_id>/password/", views.UserPasswordView.as_view(), name="user-password"),
    path("users/<int:user_id>/passwords/", views.UserPasswordView.as_view(), name="user-passwords"),
    # §6 user centre
    path("user/", views.UserDetailView.as_view(), name="user-detail"),
    re_path(r"^emails?/$", views.EmailView.as_view(), name="email"),
    path("emails/verification/", views.EmailVerifyView.as_view(), name="email-verify"),
    path("addresses/", views.AddressListView.as_view(), name="address-list"),
    path("addresses/<int:address_id>/", views.AddressDetailView.as_view(), name="address-detail"),
    path("addresses/<int:address_id>/status/", views.AddressDefaultView.as_view(), name="address-default"),
    path("addresses/<int:address_id>/title/", views.AddressTitleView.as_view(), name="address-title"),
]
