from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request

from apps.areas.selectors import area_with_subs_json, province_list_json
from apps.areas.serializers import AreaSerializer, AreaWithSubsSerializer
from meiduo_mall.utils.views import PublicAPIView, json_bytes_response


class ProvinceListView(PublicAPIView):
    """Every province, for the first list of the address picker."""

    @extend_schema(summary="省份列表 (R1)", responses=AreaSerializer(many=True), tags=["areas"])
    def get(self, request: Request) -> HttpResponse:
        return json_bytes_response(province_list_json())


class AreaDetailView(PublicAPIView):
    """A province with its cities, or a city with its districts."""

    @extend_schema(summary="地区及其下级 (R2)", responses=AreaWithSubsSerializer, tags=["areas"])
    def get(self, request: Request, pk: int) -> HttpResponse:
        area = area_with_subs_json(area_id=pk)
        if area is None:
            raise NotFound("未找到该地区")
        return json_bytes_response(area)
