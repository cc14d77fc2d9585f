from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from apps.areas.models import Area
from apps.goods.models import SKU, SPU, Brand, GoodsCategory, GoodsChannel, GoodsChannelGroup
from apps.users.models import Address, User

PASSWORD = "Meiduo-pass-2026"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"shopper{n:03d}")
    mobile = factory.Sequence(lambda n: f"138{n:08d}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(PASSWORD)


class AddressFactory(DjangoModelFactory):
    """An address in 广东省 深圳市 南山区 (needs the `areas` fixture)."""

    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)
    receiver = "张三"
    title = factory.LazyAttribute(lambda address: address.receiver)
    province = factory.LazyFunction(lambda: Area.objects.get(pk=440000))
    city = factory.LazyFunction(lambda: Area.objects.get(pk=440300))
    district = factory.LazyFunction(lambda: Area.objects.get(pk=440305))
    place = "科技园南区 1 号"
    mobile = "13912345678"


# --- catalog ------------------------------------------------------------------------------------


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = GoodsCategory

    name = factory.Sequence(lambda n: f"分类{n}")
    parent = None


class ChannelGroupFactory(DjangoModelFactory):
    class Meta:
        model = GoodsChannelGroup

    name = factory.Sequence(lambda n: f"频道组{n}")


class ChannelFactory(DjangoModelFactory):
    class Meta:
        model = GoodsChannel

    group = factory.SubFactory(ChannelGroupFactory)
    category = factory.SubFactory(CategoryFactory)
    url = factory.LazyAttribute(lambda channel: f"http://shouji.jd.com/{channel.category.name}")


class BrandFactory(DjangoModelFactory):
    class Meta:
        model = Brand

    name = factory.Sequence(lambda n: f"品牌{n}")
    first_letter = "P"


def category_path(cat3: GoodsCategory | None = None) -> GoodsCategory:
    """A third-level category (with its two parents) unless one is given."""
    if cat3 is not None:
        return cat3
    cat1 = CategoryFactory()
    cat2 = CategoryFactory(parent=cat1)
    return CategoryFactory(parent=cat2)


class SPUFactory(DjangoModelFactory):
    class Meta:
        model = SPU

    class Params:
        cat3 = None

    name = factory.Sequence(lambda n: f"商品{n}")
    brand = factory.SubFactory(BrandFactory)
    category3 = factory.LazyAttribute(lambda spu: category_path(spu.cat3))
    category2 = factory.LazyAttribute(lambda spu: spu.category3.parent)
    category1 = factory.LazyAttribute(lambda spu: spu.category3.parent.parent)
    desc_detail = "<p>商品详情</p>"


class SKUFactory(DjangoModelFactory):
    class Meta:
        model = SKU

    spu = factory.SubFactory(SPUFactory)
    category = factory.LazyAttribute(lambda sku: sku.spu.category3)
    name = factory.Sequence(lambda n: f"SKU 商品 {n}")
    caption = "限时优惠"
    price = Decimal("1999.00")
    cost_price = Decimal("1500.00")
    market_price = Decimal("2299.00")
    stock = 100
    default_image = factory.django.ImageField(filename="sku.jpg", width=40, height=40, color="gray")
