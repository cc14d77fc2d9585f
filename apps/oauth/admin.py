from django.contrib import admin

from apps.oauth.models import OAuthQQUser, OAuthSinaUser


@admin.register(OAuthQQUser)
class OAuthQQUserAdmin(admin.ModelAdmin):
    list_display = ("openid", "user", "create_time")
    search_fields = ("=openid", "user__username", "user__mobile")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)


@admin.register(OAuthSinaUser)
class OAuthSinaUserAdmin(admin.ModelAdmin):
    list_display = ("uid", "user", "create_time")
    search_fields = ("=uid", "user__username", "user__mobile")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
