from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from apps.areas.models import Area


class LevelFilter(admin.SimpleListFilter):
    title = "级别"
    parameter_name = "level"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("1", "省"), ("2", "市"), ("3", "区县")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Area]) -> QuerySet[Area]:
        if self.value() == "1":
            return queryset.filter(parent__isnull=True)
        if self.value() == "2":
            return queryset.filter(parent__isnull=False, parent__parent__isnull=True)
        if self.value() == "3":
            return queryset.filter(parent__parent__isnull=False)
        return queryset


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    """Read-only: areas come from the official data file through `manage.py load_areas`."""

    list_display = ("id", "name", "parent")
    list_select_related = ("parent",)
    list_filter = (LevelFilter,)
    search_fields = ("name", "=id")
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Area | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Area | None = None) -> bool:
        return False
