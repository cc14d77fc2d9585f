"""Every write of the users app: registration, login, password reset and change, e-mail
verification, and the address book. The captchas and SMS codes these steps check are the
verifications app's; the throttles' counters are in Redis (meiduo_mall/utils/ratelimit.py)."""

import hmac
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import update_last_login
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django_redis import get_redis_connection
from rest_framework_simplejwt.tokens import RefreshToken

from apps.areas.models import Area
from apps.users.models import Address, User
from apps.users.selectors import user_by_account
from apps.verifications.services import mobile_token_make, sms_code_check
from celery_tasks.email.tasks import send_verify_email
from meiduo_mall.utils.authentication import PASSWORD_STAMP_CLAIM
from meiduo_mall.utils.exceptions import NotFoundError, ServiceError
from meiduo_mall.utils.ratelimit import rate_limit_hit, throttled
from meiduo_mall.utils.signing import BadTokenError, token_make, token_read

logger = logging.getLogger(__name__)

# Purposes of signed tokens: a token made for one is refused by every other.
PURPOSE_PASSWORD_RESET = "users.password-reset"  # noqa: S105 (a salt, not a secret). F3 → F4: whose password to set
PURPOSE_EMAIL_VERIFY = "users.email-verify"  # C2 → C3: which address to mark verified


def _redis():  # type: ignore[no-untyped-def]
    return get_redis_connection("default")


# --- Availability (U1, U2) -------------------------------------------------------------------------------


def availability_check_allow(*, client_ip: str) -> None:
    """U1/U2 (is a username or mobile taken?): AVAILABILITY_CHECKS_PER_IP_PER_MINUTE per client
    address, so nobody walks through every mobile to learn who has an account."""
    wait = rate_limit_hit(
        f"throttle:availability_ip:{client_ip}", limit=settings.AVAILABILITY_CHECKS_PER_IP_PER_MINUTE, window=60
    )
    if wait:
        raise throttled("查询过于频繁", wait)


# --- Registration and login (U3, U4, U5) -------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    user: User
    access: str
    refresh: str


def login_tokens(*, user: User) -> Login:
    """A JWT access token and a refresh token for `user` (U3, U4 and the OAuth logins)."""
    refresh = RefreshToken.for_user(user)
    # Every token of the account dies when its password changes (authentication.py).
    refresh[PASSWORD_STAMP_CLAIM] = user.password_stamp
    update_last_login(None, user)  # type: ignore[arg-type]
    return Login(user=user, access=str(refresh.access_token), refresh=str(refresh))


@transaction.atomic
def user_register(*, username: str, password: str, mobile: str, sms_code: str) -> User:
    """Create a shopper once the SMS code sent to `mobile` checks out (raises SmsCodeInvalidError)."""
    sms_code_check(mobile=mobile, code=sms_code)
    try:
        with transaction.atomic():
            return User.objects.create_user(username=username, password=password, mobile=mobile)
    except IntegrityError as exc:
        # Two registrations raced for the same username or mobile; the serializer caught the rest.
        raise ServiceError("用户名或手机号已被注册") from exc


def user_login(*, account: str, password: str, client_ip: str) -> User:
    """The user whose username or mobile is `account`, if `password` is theirs.

    Raises ServiceError for a wrong account or password (one message for both, so the
    answer does not tell which accounts exist), and ThrottledError once an account has
    had LOGIN_FAILURE_LIMIT wrong passwords from this client address within
    LOGIN_FAILURE_WINDOW_SECONDS. Counted per account *and* address: someone guessing from
    one address cannot lock the owner out from theirs (the per-address limit above still
    bounds guessing over many accounts)."""
    wait = rate_limit_hit(f"throttle:login_ip:{client_ip}", limit=settings.LOGINS_PER_IP_PER_5_MINUTES, window=300)
    if wait:
        raise throttled("登录尝试过于频繁", wait)
    user = user_by_account(account)
    failures_key = f"throttle:login_failures:{user.pk if user else account.lower()}:{client_ip}"
    redis = _redis()
    failures = int(redis.get(failures_key) or 0)
    if failures >= settings.LOGIN_FAILURE_LIMIT:
        raise throttled("密码错误次数过多", max(int(redis.ttl(failures_key)), 1))
    if user is None:
        User().set_password(password)  # the same work as a real check: timing tells nothing
    elif user.is_active and user.check_password(password):
        redis.delete(failures_key)
        return user
    rate_limit_hit(failures_key, limit=settings.LOGIN_FAILURE_LIMIT, window=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    raise ServiceError("用户名或密码错误")


# --- Password reset (F1, V3, F3, F4) and change (P1) ---------------------------------------------------


def _mask_mobile(mobile: str) -> str:
    return f"{mobile[:3]}****{mobile[-4:]}"


def _user_for_account(account: str) -> User:
    user = user_by_account(account)
    if user is None:
        raise NotFoundError("用户名或手机号不存在")
    return user


def password_reset_start(*, account: str) -> tuple[str, str]:
    """F1 (captcha already checked): the account's masked mobile and a token that lets the
    shopper have a code texted to that mobile (/sms_codes/?access_token=) without ever
    seeing the number."""
    user = _user_for_account(account)
    return _mask_mobile(user.mobile), mobile_token_make(mobile=user.mobile)


def password_reset_verify(*, account: str, sms_code: str) -> tuple[int, str]:
    """F3: use up the SMS code; returns the user id and a token for setting the password."""
    user = _user_for_account(account)
    sms_code_check(mobile=user.mobile, code=sms_code)
    token = token_make(purpose=PURPOSE_PASSWORD_RESET, payload={"user_id": user.pk, "password": user.password_stamp})
    return user.pk, token


@transaction.atomic
def user_password_reset(*, user_id: int, access_token: str, password: str) -> User:
    """F4: set the password of `user_id` with an F3 token made for that very user."""
    invalid = ServiceError("操作已过期或链接无效，请重新找回密码")
    try:
        payload = token_read(
            purpose=PURPOSE_PASSWORD_RESET, token=access_token, max_age=settings.ACCOUNT_STEP_TOKEN_SECONDS
        )
    except BadTokenError as exc:
        raise invalid from exc
    if payload.get("user_id") != user_id:
        raise invalid
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None or not hmac.compare_digest(str(payload.get("password")), user.password_stamp):
        raise invalid
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def user_password_change(*, user: User, old_password: str, password: str, client_ip: str) -> User:
    """P1: a logged-in shopper changes their password, proving they know the old one. Wrong
    old passwords count like wrong logins (a stolen token must not become a way to guess)."""
    failures_key = f"throttle:password_change_failures:{user.pk}:{client_ip}"
    redis = _redis()
    if int(redis.get(failures_key) or 0) >= settings.LOGIN_FAILURE_LIMIT:
        raise throttled("原密码错误次数过多", max(int(redis.ttl(failures_key)), 1))
    if not user.check_password(old_password):
        rate_limit_hit(failures_key, limit=settings.LOGIN_FAILURE_LIMIT, window=settings.LOGIN_FAILURE_WINDOW_SECONDS)
        raise ServiceError("原密码错误")
    redis.delete(failures_key)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


# --- E-mail verification (C2, C3) ------------------------------------------------------------------------


@transaction.atomic
def user_email_set(*, user: User, email: str) -> User:
    """C2: record the address (unverified) and, once committed, have a worker mail the link.
    At most VERIFY_EMAILS_PER_USER_PER_HOUR mails, so the form cannot be used to flood a mailbox."""
    wait = rate_limit_hit(
        f"throttle:verify_email:{user.pk}", limit=settings.VERIFY_EMAILS_PER_USER_PER_HOUR, window=3600
    )
    if wait:
        raise throttled("验证邮件发送过于频繁", wait)
    if email != user.email:
        user.email = email
        user.email_active = False
        user.save(update_fields=["email", "email_active"])
    user_id = user.pk
    transaction.on_commit(lambda: send_verify_email.delay(user_id))
    return user


def email_verify_url(*, user: User) -> str:
    token = token_make(purpose=PURPOSE_EMAIL_VERIFY, payload={"user_id": user.pk, "email": user.email})
    return f"{settings.STOREFRONT_URL}/success_verify_email.html?token={token}"


def user_email_verify_send(*, user_id: int) -> bool:
    """Mail the verification link (HTML and text) to the user's current address. Returns
    False when there is nothing to send (user gone, no address, already verified)."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not user.email or user.email_active:
        return False
    context = {
        "user": user,
        "verify_url": email_verify_url(user=user),
        "hours": settings.EMAIL_VERIFY_TOKEN_SECONDS // 3600,
    }
    message = EmailMultiAlternatives(
        subject="美多商城邮箱验证",
        body=render_to_string("emails/verify_email.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string("emails/verify_email.html", context), "text/html")
    message.send()
    return True


@transaction.atomic
def user_email_verify(*, token: str) -> User:
    """C3: mark the address in the link verified, if it is still the user's address."""
    invalid = ServiceError("链接无效或已过期，请在用户中心重新发送验证邮件")
    try:
        payload = token_read(purpose=PURPOSE_EMAIL_VERIFY, token=token, max_age=settings.EMAIL_VERIFY_TOKEN_SECONDS)
    except BadTokenError as exc:
        raise invalid from exc
    user = User.objects.select_for_update().filter(pk=int(payload.get("user_id") or 0)).first()
    if user is None or not user.email or user.email != payload.get("email"):
        raise invalid
    if not user.email_active:
        user.email_active = True
        user.save(update_fields=["email_active"])
    return user


# --- Addresses (A2–A6) ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddressFields:
    receiver: str
    province: Area
    city: Area
    district: Area
    place: str
    mobile: str
    title: str = ""
    tel: str = ""
    email: str = ""

    def as_model_fields(self) -> dict[str, object]:
        return {
            "receiver": self.receiver,
            "province": self.province,
            "city": self.city,
            "district": self.district,
            "place": self.place,
            "mobile": self.mobile,
            "title": self.title or self.receiver,
            "tel": self.tel,
            "email": self.email,
        }


@transaction.atomic
def address_create(*, user: User, fields: AddressFields) -> Address:
    """Add an address; the first live one becomes the default. At most
    Address.MAX_LIVE_PER_USER live addresses, even under simultaneous requests."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if Address.live.filter(user=locked).count() >= Address.MAX_LIVE_PER_USER:
        raise ServiceError("保存地址数据已达到上限")
    address = Address.objects.create(user=locked, **fields.as_model_fields())
    if locked.default_address_id is None:
        locked.default_address = address
        locked.save(update_fields=["default_address"])
        user.default_address = address
    return address


# The edits below take an address the caller already fetched with
# selectors.address_get(user=..., address_id=...), which is what checks it is the user's.


@transaction.atomic
def address_update(*, address: Address, fields: AddressFields) -> Address:
    for name, value in fields.as_model_fields().items():
        setattr(address, name, value)
    address.save()
    return address


@transaction.atomic
def address_delete(*, address: Address) -> None:
    """Mark the address deleted (orders keep pointing at it); it stops being the default."""
    address.is_deleted = True
    address.save(update_fields=["is_deleted", "update_time"])
    User.objects.filter(pk=address.user_id, default_address=address).update(default_address=None)


def address_set_default(*, address: Address) -> Address:
    User.objects.filter(pk=address.user_id).update(default_address=address)
    return address


def address_set_title(*, address: Address, title: str) -> Address:
    address.title = title
    address.save(update_fields=["title", "update_time"])
    return address
