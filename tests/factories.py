import factory
from factory.django import DjangoModelFactory

from apps.areas.models import Area
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
