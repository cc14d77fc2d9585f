"""The catalog as tests fill it: a phone SPU with two specifications, and description
payloads an attacker might save, which must never run."""

from apps.goods.models import SKU, SPU, SKUSpecification, SpecificationOption, SPUSpecification
from tests.factories import CategoryFactory, ChannelFactory, SKUFactory, SPUFactory

# What an operator's account, once stolen, might save as a description.
PAYLOADS = [
    '<img src="x" onerror="window.pwned=1">',
    "<script>window.pwned=1</script>",
    '<a href="javascript:window.pwned=1">点我</a>',
    '<div style="position:fixed;inset:0" onclick="window.pwned=1">促销</div>',
    '<svg onload="window.pwned=1"></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">',
]


def phone_spu(
    colours: tuple[str, ...] = ("黑色", "白色"),
    storages: tuple[str, ...] = ("128GB", "256GB"),
    missing: tuple[tuple[str, str], ...] = (),
) -> tuple[SPU, dict[tuple[str, str], SKU]]:
    """A phone SPU under 手机数码 > 手机通讯 > 手机 (a channel links 手机数码) with a SKU per
    colour and storage, except the `missing` combinations."""
    cat1 = CategoryFactory(name="手机数码")
    ChannelFactory(category=cat1, url=f"/list.html?cat={cat1.pk}")
    cat3 = CategoryFactory(name="手机", parent=CategoryFactory(name="手机通讯", parent=cat1))
    spu = SPUFactory(cat3=cat3)
    colour = SPUSpecification.objects.create(spu=spu, name="颜色", sequence=1)
    storage = SPUSpecification.objects.create(spu=spu, name="内存", sequence=2)
    colour_options = [SpecificationOption.objects.create(spec=colour, value=v) for v in colours]
    storage_options = [SpecificationOption.objects.create(spec=storage, value=v) for v in storages]
    skus: dict[tuple[str, str], SKU] = {}
    for c in colour_options:
        for s in storage_options:
            if (c.value, s.value) in missing:
                continue
            sku = SKUFactory(spu=spu, name=f"华为 Mate {c.value} {s.value}")
            SKUSpecification.objects.create(sku=sku, spec=colour, option=c)
            SKUSpecification.objects.create(sku=sku, spec=storage, option=s)
            skus[(c.value, s.value)] = sku
    return spu, skus
