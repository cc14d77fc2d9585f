"""A URLconf with a view that crashes, to see what a client gets for an unexpected error."""

from django.urls import path

from meiduo_mall.urls import handler404, handler500, urlpatterns


def crash(request):
    raise RuntimeError("unexpected")


urlpatterns = [*urlpatterns, path("crash/", crash)]
__all__ = ["handler404", "handler500", "urlpatterns"]
