from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserCreationForm as DjangoUserCreationForm
from django.http import HttpRequest

from apps.users.models import Address, User


class UserCreationForm(DjangoUserCreationForm):
    class Meta(DjangoUserCreationForm.Meta):
        model = User
        fields = ("username", "mobile")


class AddressInline(admin.StackedInline):
    """A shopper's address book. Deleted addresses stay (old orders point at them), marked."""

    model = Address
    fk_name = "user"
    extra = 0
    autocomplete_fields = ("province", "city", "district")
    fields = (
        ("title", "receiver", "mobile"),
        ("province", "city", "district"),
        "place",
        ("tel", "email"),
        ("is_deleted", "create_time", "update_time"),
    )
    readonly_fields = ("create_time", "update_time")
    ordering = ("is_deleted", "-create_time")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreationForm
    inlines = (AddressInline,)
    # Shoppers choose their default address in the user centre.
    readonly_fields = ("default_address",)
    list_display = ("username", "mobile", "email", "email_active", "is_active", "is_staff", "date_joined")
    list_filter = ("is_active", "is_staff", "email_active", "date_joined")
    search_fields = ("username", "mobile", "email")
    ordering = ("-date_joined",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("first_name", "last_name", "mobile", "email", "email_active", "default_address")}),
        ("权限", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("重要日期", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "mobile", "password1", "password2")}),)

    def get_inline_instances(self, request: HttpRequest, obj: User | None = None) -> list[InlineModelAdmin]:
        # Addresses are added once the user exists.
        return super().get_inline_instances(request, obj) if obj is not None else []
