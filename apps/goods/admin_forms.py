"""The SKU admin's forms: what keeps an operator from making wrong goods.

* The category is a third-level one, shown with its full path (手机数码 › 手机通讯 › 手机),
  and must be the SPU's (left empty, it is).
* The specification rows pick, for each specification of the SKU's SPU, one of its own
  options; no other SKU of the SPU has the same combination. The option list is narrowed to
  the chosen specification in the browser (goods/admin/sku_specifications.js).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from apps.goods.models import SKU, GoodsCategory, SKUSpecification, SpecificationOption, SPUSpecification

PATH_SEPARATOR = " › "


def category_path(category: GoodsCategory) -> str:
    """`手机数码 › 手机通讯 › 手机` of a third-level category (parents selected with it)."""
    names = [category.name]
    parent = category.parent
    while parent is not None:
        names.append(parent.name)
        parent = parent.parent
    return PATH_SEPARATOR.join(reversed(names))


def third_level_categories() -> QuerySet[GoodsCategory]:
    return (
        GoodsCategory.objects.filter(parent__parent__isnull=False)
        .select_related("parent__parent")
        .order_by("parent__parent__sequence", "parent__parent_id", "parent__sequence", "parent_id", "sequence", "id")
    )


class CategoryPathChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return category_path(obj)


class SKUAdminForm(forms.ModelForm):
    category = CategoryPathChoiceField(
        queryset=third_level_categories(),
        required=False,
        label="三级分类",
        help_text="留空则使用商品SPU的三级分类。",
    )

    class Meta:
        model = SKU
        fields = "__all__"  # noqa: DJ007 - the admin's `fields` chooses and orders them

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or self.cleaned_data
        spu, category = cleaned.get("spu"), cleaned.get("category")
        if spu is None:
            return cleaned
        if category is None:
            cleaned["category"] = spu.category3
        elif category.pk != spu.category3_id:
            self.add_error(
                "category",
                f"应与商品SPU「{spu.name}」的三级分类一致：{category_path(spu.category3)}。",
            )
        return cleaned


class OptionSelect(forms.Select):
    """Each option names its specification (`data-spec`), for the browser to narrow the list."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-spec"] = str(instance.spec_id)
        return option


class OptionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.spec.name}：{obj.value}"


class SKUSpecificationForm(forms.ModelForm):
    option = OptionChoiceField(
        queryset=SpecificationOption.objects.select_related("spec"), widget=OptionSelect, label="选项"
    )

    class Meta:
        model = SKUSpecification
        fields = ("spec", "option")


class SKUSpecificationFormSet(forms.BaseInlineFormSet):
    """One option per specification of the SKU's SPU, each of its own specification, and a
    combination no other SKU of the SPU has."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors) or not self.instance.spu_id:
            return
        spu = self.instance.spu
        rows = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("spec")
        ]
        chosen: dict[int, int] = {}
        for form in rows:
            spec: SPUSpecification = form.cleaned_data["spec"]
            option: SpecificationOption = form.cleaned_data["option"]
            if spec.spu_id != spu.pk:
                form.add_error("spec", f"规格「{spec.name}」不属于商品SPU「{spu.name}」。")
            elif option.spec_id != spec.pk:
                form.add_error("option", f"「{option.value}」不是规格「{spec.name}」的可选值。")
            elif spec.pk in chosen:
                form.add_error("spec", f"规格「{spec.name}」已选过：每个规格只选一个选项。")
            else:
                chosen[spec.pk] = option.pk
        if any(self.errors):
            return
        missing = [spec.name for spec in spu.specs.all() if spec.pk not in chosen]
        if missing:
            raise ValidationError(f"还需为这些规格各选一个选项：{'、'.join(missing)}。")
        self._refuse_a_twin(set(chosen.values()))

    def _refuse_a_twin(self, options: set[int]) -> None:
        siblings = SKU.objects.filter(spu_id=self.instance.spu_id).exclude(pk=self.instance.pk)
        taken: dict[int, set[int]] = {}
        for sku_id, option_id in SKUSpecification.objects.filter(sku__in=siblings).values_list("sku_id", "option_id"):
            taken.setdefault(sku_id, set()).add(option_id)
        twin = next((sku_id for sku_id, their in taken.items() if their == options), None)
        if twin is not None:
            name = SKU.objects.values_list("name", flat=True).get(pk=twin)
            raise ValidationError(f"商品SPU中已有相同规格组合的SKU：{twin}: {name}。请换一个选项组合。")
