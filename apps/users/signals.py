"""What the users app tells the others without knowing them (it imports no other app), and
what it does itself when an account is saved."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from apps.users.models import User
from meiduo_mall.utils.authentication import auth_entry_replace

# A shopper logged in on the storefront: the account login (U4) and the QQ/Weibo login and
# binding (Q2, Q3). Sent with `request` (the HTTP request) and `user`, before the answer is
# made; the cart listens (apps/carts/cookies.py) to merge the guest's cookie cart.
shopper_logged_in = Signal()


@receiver(post_save, sender=User, dispatch_uid="users.auth_entry.saved")
def account_saved(sender: type[User], instance: User, **kwargs: Any) -> None:
    """A password, an activation or anything else changed: tokens are checked against the
    account as it now is (meiduo_mall/utils/authentication.py)."""
    auth_entry_replace(instance)


@receiver(post_delete, sender=User, dispatch_uid="users.auth_entry.deleted")
def account_deleted(sender: type[User], instance: User, **kwargs: Any) -> None:
    auth_entry_replace(instance, deleted=True)
