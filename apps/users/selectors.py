import re

from django.db.models import QuerySet

from apps.users.models import Address, User
from meiduo_mall.utils.exceptions import NotFoundError
from meiduo_mall.utils.validators import MOBILE_PATTERN

ADDRESS_NOT_FOUND = "收货地址不存在"


def user_by_account(account: str) -> User | None:
    """The user an account string names: a mobile when it looks like one, else a username."""
    field = "mobile" if re.fullmatch(MOBILE_PATTERN, account) else "username"
    return User.objects.filter(**{field: account}).first()


def address_list(*, user: User) -> QuerySet[Address]:
    """The user's live addresses, newest first, with their region names in the same query."""
    return (
        Address.live.filter(user_id=user.pk)
        .select_related("province", "city", "district")
        .order_by("-create_time", "-id")
    )


def address_get(*, user: User, address_id: int) -> Address:
    """One of the user's live addresses. Another user's id is simply not found."""
    address = address_list(user=user).filter(pk=address_id).first()
    if address is None:
        raise NotFoundError(ADDRESS_NOT_FOUND)
    return address
