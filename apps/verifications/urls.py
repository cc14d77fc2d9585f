from django.urls import path

from apps.verifications import views

urlpatterns = [
    path("image_codes/<uuid:uuid>/", views.ImageCodeView.as_view(), name="image-code"),
    path("sms_codes/", views.SmsCodeByTokenView.as_view(), name="sms-code-by-token"),
    path("sms_codes/<str:mobile>/", views.SmsCodeView.as_view(), name="sms-code"),
]
