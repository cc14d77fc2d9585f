from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from apps.users.admin_login import ThrottledAdminLoginForm
from meiduo_mall.health import health
from meiduo_mall.limits import LimitsView
from meiduo_mall.utils import schema  # noqa: F401 (registers the OpenAPI extensions)

admin.site.site_header = "美多商城 运营后台"
admin.site.site_title = "美多商城"
admin.site.index_title = "运营管理"
# Operators log in with the shoppers' throttle and lockout.
admin.site.login_form = ThrottledAdminLoginForm


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask every host for /favicon.ico: the API's (admin, /docs/) is the shop's icon."""
    return HttpResponseRedirect(static("favicon.svg"))


# Django tries the patterns in order, one by one: what shoppers ask most comes first (the
# catalog, the cart), the rest after. No two apps' paths overlap, so the order changes nothing else.
urlpatterns = [
    path("", include("apps.goods.urls")),
    path("", include("apps.carts.urls")),
    path("", include("apps.areas.urls")),
    path("", include("apps.orders.urls")),
    path("", include("apps.verifications.urls")),
    path("", include("apps.users.urls")),
    path("", include("apps.payment.urls")),
    path("", include("apps.oauth.urls")),
    path("", RedirectView.as_view(pattern_name="docs", permanent=False)),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("health/", health, name="health"),
    path("limits/", LimitsView.as_view(), name="limits"),
]

if settings.ENABLE_LOCAL_STANDINS:
    # Development and tests only: third-party services played locally (prod refuses the setting).
    urlpatterns.append(path("standins/alipay/", include("apps.payment.standin")))
    urlpatterns.append(path("standins/oauth/", include("apps.oauth.standin")))

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(r"^media/(?P<path>.+)$", serve, {"document_root": settings.MEDIA_ROOT}, name="media"),
    )

handler404 = "meiduo_mall.utils.errors.page_not_found"
handler500 = "meiduo_mall.utils.errors.server_error"
