"""What the users app tells the others without knowing them (it imports no other app)."""

from django.dispatch import Signal

# A shopper logged in on the storefront: the account login (U4) and the QQ/Weibo login and
# binding (Q2, Q3). Sent with `request` (the HTTP request) and `user`, before the answer is
# made; the cart listens (apps/carts/cookies.py) to merge the guest's cookie cart.
shopper_logged_in = Signal()
