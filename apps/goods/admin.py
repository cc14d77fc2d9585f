"""The catalog in the admin. Saving a SKU (with its images and specifications) or a SPU
regenerates the affected detail pages and re-indexes the SKUs; saving contents regenerates
the index page; changing categories or channels regenerates every page (the menu)."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.utils.html import format_html

from apps.goods import services
from apps.goods.admin_forms import SKUAdminForm, SKUSpecificationForm, SKUSpecificationFormSet
from apps.goods.descriptions import description_clean
from apps.goods.models import (
    SKU,
    SPU,
    Brand,
    Content,
    ContentCategory,
    DeferredFollowUp,
    GoodsCategory,
    GoodsChannel,
    GoodsChannelGroup,
    SKUImage,
    SKUSpecification,
    SpecificationOption,
    SPUSpecification,
)

DEFERRED_WARNING = "已保存。任务队列暂时无法访问：页面和搜索索引将在队列恢复后自动更新（约一分钟内），无需重新保存。"


def warn_if_deferred(request: HttpRequest) -> services.OnDeferred:
    """What a save tells the catalog services: if its page and index refreshes must wait
    for the broker, the operator sees a warning (once) next to the success message."""

    def warn() -> None:
        if not getattr(request, "_deferred_warned", False):
            setattr(request, "_deferred_warned", True)  # noqa: B010 (not a declared attribute)
            messages.warning(request, DEFERRED_WARNING)

    return warn


def preview(image: Any, size: int = 60) -> str:
    if not image:
        return "—"
    return format_html('<img src="{}" style="height:{}px;border:1px solid #eee">', image.url, size)


class MenuChangeAdmin(admin.ModelAdmin):
    """Categories, groups and channels are on every page's menu."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.category_menu_changed(on_deferred=warn_if_deferred(request))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        services.category_menu_changed(on_deferred=warn_if_deferred(request))


@admin.register(GoodsCategory)
class GoodsCategoryAdmin(MenuChangeAdmin):
    list_display = ("id", "name", "parent", "sequence")
    list_filter = (("parent", admin.EmptyFieldListFilter),)
    search_fields = ("name",)
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)


@admin.register(GoodsChannelGroup)
class GoodsChannelGroupAdmin(MenuChangeAdmin):
    list_display = ("name", "sequence")


@admin.register(GoodsChannel)
class GoodsChannelAdmin(MenuChangeAdmin):
    list_display = ("category", "group", "url", "sequence")
    list_filter = ("group",)
    list_select_related = ("category", "group")


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ("name", "first_letter", "logo_preview")
    search_fields = ("name",)

    @admin.display(description="Logo")
    def logo_preview(self, brand: Brand) -> str:
        return preview(brand.logo, 30)


class SPUSpecificationInline(admin.TabularInline):
    model = SPUSpecification
    extra = 0
    fields = ("name", "sequence", "option_values")
    readonly_fields = ("option_values",)
    show_change_link = True  # options are edited on the specification's own page

    @admin.display(description="可选值")
    def option_values(self, spec: SPUSpecification) -> str:
        return "、".join(option.value for option in spec.options.all()) if spec.pk else "保存后编辑可选值"


def _skus_of_spus(spus: QuerySet[SPU] | list[SPU]) -> list[int]:
    return list(SKU.objects.filter(spu__in=spus).values_list("id", flat=True))


class SPUAdminForm(ModelForm):
    """Descriptions are stored cleaned to the safe subset of HTML (apps/goods/descriptions.py)."""

    class Meta:
        model = SPU
        fields = "__all__"  # noqa: DJ007 - the admin's own choice of fields, as before this form

    def clean_desc_detail(self) -> str:
        return description_clean(self.cleaned_data["desc_detail"])

    def clean_desc_pack(self) -> str:
        return description_clean(self.cleaned_data["desc_pack"])

    def clean_desc_service(self) -> str:
        return description_clean(self.cleaned_data["desc_service"])


@admin.register(SPU)
class SPUAdmin(admin.ModelAdmin):
    form = SPUAdminForm
    list_display = ("id", "name", "brand", "category3", "sales", "comments")
    list_filter = ("category1", "brand")
    search_fields = ("name",)
    autocomplete_fields = ("brand", "category1", "category2", "category3")
    list_select_related = ("brand", "category3")
    inlines = (SPUSpecificationInline,)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseInlineFormSet], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        services.skus_changed(sku_ids=_skus_of_spus([form.instance]), on_deferred=warn_if_deferred(request))


class SpecificationOptionInline(admin.TabularInline):
    model = SpecificationOption
    extra = 1
    fields = ("value", "sequence")


@admin.register(SPUSpecification)
class SPUSpecificationAdmin(admin.ModelAdmin):
    list_display = ("spu", "name", "sequence")
    search_fields = ("spu__name", "name")
    autocomplete_fields = ("spu",)
    list_select_related = ("spu",)
    inlines = (SpecificationOptionInline,)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseInlineFormSet], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        services.skus_changed(
            sku_ids=_skus_of_spus(SPU.objects.filter(pk=form.instance.spu_id)), on_deferred=warn_if_deferred(request)
        )


class SKUImageInline(admin.TabularInline):
    model = SKUImage
    extra = 0
    fields = ("image", "image_preview", "sequence")
    readonly_fields = ("image_preview",)

    @admin.display(description="预览")
    def image_preview(self, image: SKUImage) -> str:
        return preview(image.image)


class SKUSpecificationInline(admin.TabularInline):
    """One row per specification of the SKU's SPU (admin_forms.SKUSpecificationFormSet)."""

    model = SKUSpecification
    form = SKUSpecificationForm
    formset = SKUSpecificationFormSet
    extra = 0
    fields = ("spec", "option")

    class Media:
        js = ("goods/admin/sku_specifications.js",)

    def get_formset(self, request: HttpRequest, obj: SKU | None = None, **kwargs: Any) -> type[BaseInlineFormSet]:
        formset = super().get_formset(request, obj, **kwargs)
        specs = SPUSpecification.objects.select_related("spu")
        options = SpecificationOption.objects.select_related("spec")
        if obj is not None:  # an existing SKU: only its SPU's specifications and their options
            specs, options = specs.filter(spu_id=obj.spu_id), options.filter(spec__spu_id=obj.spu_id)
        formset.form.base_fields["spec"].queryset = specs  # type: ignore[attr-defined]
        formset.form.base_fields["option"].queryset = options  # type: ignore[attr-defined]
        return formset


@admin.register(SKU)
class SKUAdmin(admin.ModelAdmin):
    list_display = ("id", "image_preview", "name", "price", "stock", "sales", "comments", "is_launched")
    list_display_links = ("id", "name")
    list_filter = ("is_launched", "category", "spu__brand")
    list_editable = ("is_launched",)
    search_fields = ("name", "caption", "=id")
    form = SKUAdminForm
    autocomplete_fields = ("spu",)
    list_select_related = ("spu",)
    readonly_fields = ("image_preview", "sales", "comments", "create_time", "update_time")
    fields = (
        "spu", "category", "name", "caption", ("price", "cost_price", "market_price"), ("stock", "sales", "comments"),
        "is_launched", ("default_image", "image_preview"), ("create_time", "update_time"),
    )  # fmt: skip
    inlines = (SKUImageInline, SKUSpecificationInline)
    actions = ("launch", "withdraw")

    @admin.display(description="图片")
    def image_preview(self, sku: SKU) -> str:
        return preview(sku.default_image)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseInlineFormSet], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        services.skus_changed(sku_ids=[form.instance.pk], on_deferred=warn_if_deferred(request))

    def delete_model(self, request: HttpRequest, obj: SKU) -> None:
        # Its page goes, and its siblings' pages stop offering its options.
        affected = _skus_of_spus([obj.spu])
        super().delete_model(request, obj)
        services.skus_changed(sku_ids=affected, on_deferred=warn_if_deferred(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[SKU]) -> None:
        affected = _skus_of_spus(SPU.objects.filter(skus__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        services.skus_changed(sku_ids=affected, on_deferred=warn_if_deferred(request))

    def _set_launched(self, request: HttpRequest, queryset: QuerySet[SKU], launched: bool) -> None:
        ids = list(queryset.values_list("id", flat=True))
        SKU.objects.filter(pk__in=ids).update(is_launched=launched)
        services.skus_launch_changed(sku_ids=ids, on_deferred=warn_if_deferred(request))
        self.message_user(request, f"{len(ids)} 个商品已{'上架' if launched else '下架'}，页面和搜索索引将随后更新。")

    @admin.action(description="上架所选商品")
    def launch(self, request: HttpRequest, queryset: QuerySet[SKU]) -> None:
        self._set_launched(request, queryset, True)

    @admin.action(description="下架所选商品")
    def withdraw(self, request: HttpRequest, queryset: QuerySet[SKU]) -> None:
        self._set_launched(request, queryset, False)


@admin.register(ContentCategory)
class ContentCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "key")
    search_fields = ("name", "key")


@admin.register(Content)
class ContentAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "image_preview", "sequence", "status")
    list_filter = ("category", "status")
    list_editable = ("sequence", "status")
    search_fields = ("title", "text")
    list_select_related = ("category",)

    @admin.display(description="图片")
    def image_preview(self, content: Content) -> str:
        return preview(content.image, 40)

    def save_model(self, request: HttpRequest, obj: Content, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.index_contents_changed(on_deferred=warn_if_deferred(request))

    def delete_model(self, request: HttpRequest, obj: Content) -> None:
        super().delete_model(request, obj)
        services.index_contents_changed(on_deferred=warn_if_deferred(request))


@admin.register(DeferredFollowUp)
class DeferredFollowUpAdmin(admin.ModelAdmin):
    """What waits for the broker: page and index refreshes of saves made while it was down,
    queued again by beat every minute. Read-only: they leave on their own."""

    list_display = ("id", "task", "args", "create_time")
    list_filter = ("task",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
