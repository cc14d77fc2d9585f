from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class BareView(APIView):
    """A constant, for GET and for the cart scenario's POST and PUT alike."""

    authentication_classes = ()
    permission_classes = ()

    def get(self, request: Request) -> Response:
        return Response({"ok": True})

    def post(self, request: Request) -> Response:
        return Response({"ok": True})

    def put(self, request: Request) -> Response:
        return Response({"ok": True})


urlpatterns = [path("bare/", BareView.as_view())]
