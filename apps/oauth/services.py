"""Third-party login (docs/api.md, oauth: Q2, Q3): a bound identity logs in;
an unbound one gets a signed token with which the shopper binds it to an account."""

import hmac
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django_redis import get_redis_connection

from apps.oauth.models import OAuthBinding, OAuthQQUser, OAuthSinaUser
from apps.oauth.providers import Provider, ProviderError
from apps.users.models import User
from apps.users.services import Login, login_tokens
from apps.verifications.services import sms_code_check
from meiduo_mall.utils.exceptions import ServiceError
from meiduo_mall.utils.signing import BadTokenError, token_make, token_read

logger = logging.getLogger(__name__)

BINDINGS: dict[str, tuple[type[OAuthBinding], str]] = {"qq": (OAuthQQUser, "openid"), "sina": (OAuthSinaUser, "uid")}


class ProviderUnavailableError(ServiceError):
    status_code = 503


@dataclass(frozen=True)
class OAuthOutcome:
    """Either a login (the identity is bound) or a token to bind it with."""

    login: Login | None = None
    access_token: str | None = None


# --- The login's state: signed, single-use, bound to the browser that started the login --------

STATE_SECONDS = 600
STATE_COOKIE = "oauth_nonce"


@dataclass(frozen=True)
class LoginStart:
    state: str  # what the provider carries to the callback
    nonce: str  # what the browser keeps (STATE_COOKIE)


def oauth_state_make(*, provider: Provider, next_: str) -> LoginStart:
    """Q1: a signed state naming where to go afterwards, and the nonce that binds it to the
    browser asking (kept in its cookie: a link made in another browser carries another)."""
    nonce = secrets.token_urlsafe(16)
    state = token_make(purpose=f"oauth.state.{provider.key}", payload={"next": next_, "nonce": nonce})
    return LoginStart(state=state, nonce=nonce)


def oauth_state_check(*, provider: Provider, state: str, nonce: str) -> str:
    """Q2: the `next` of a state this browser started (its cookie's nonce), used at most once.
    Anything else is the crafted link of a login CSRF (someone else's code and state)."""
    refused = ServiceError("登录链接无效或已过期，请重新从登录页登录")
    try:
        payload = token_read(purpose=f"oauth.state.{provider.key}", token=state, max_age=STATE_SECONDS)
    except BadTokenError as exc:
        raise refused from exc
    expected = str(payload.get("nonce", ""))
    if not nonce or not hmac.compare_digest(expected, nonce):
        raise refused
    if not get_redis_connection("default").set(f"oauth:state_used:{expected}", 1, nx=True, ex=STATE_SECONDS):
        raise refused  # a second use of the same state
    return str(payload.get("next") or "/")


def _binding_lookup(provider: Provider, identity: str) -> User | None:
    model, field = BINDINGS[provider.key]
    binding = model.objects.select_related("user").filter(**{field: identity}).first()  # type: ignore[attr-defined]
    return binding.user if binding is not None else None


def oauth_login(*, provider: Provider, code: str) -> OAuthOutcome:
    """Q2: the code the provider's redirect brought back → a login, or a bind token."""
    try:
        identity = provider.identity(code)
    except ProviderError as exc:
        logger.warning("%s login failed: %s", provider.name, exc)
        raise ProviderUnavailableError(f"{provider.name} 登录暂时无法使用，请稍后再试或使用账号密码登录") from exc
    user = _binding_lookup(provider, identity)
    if user is not None:
        if not user.is_active:
            raise ServiceError("该账号已停用")
        return OAuthOutcome(login=login_tokens(user=user))
    token = token_make(purpose=f"oauth.{provider.key}", payload={"id": identity})
    return OAuthOutcome(access_token=token)


def oauth_bind(*, provider: Provider, access_token: str, mobile: str, password: str, sms_code: str) -> Login:
    """Q3: bind the identity in `access_token` to the account owning `mobile` (its password
    must match), or to a new account named after the mobile; then log in."""
    try:
        identity = token_read(
            purpose=f"oauth.{provider.key}", token=access_token, max_age=settings.OAUTH_BIND_TOKEN_SECONDS
        )["id"]
    except (BadTokenError, KeyError) as exc:
        raise ServiceError("授权信息已过期，请重新登录") from exc
    # The SMS code first: without the phone, the password of its account cannot be tried.
    # A wrong password leaves the code usable for the next try.
    sms_code_check(mobile=mobile, code=sms_code, use=False)
    user = User.objects.filter(mobile=mobile).first()
    if user is not None and not user.check_password(password):
        raise ServiceError("密码错误，请输入该手机号已注册账户的密码")
    sms_code_check(mobile=mobile, code=sms_code)
    model, field = BINDINGS[provider.key]
    try:
        with transaction.atomic():
            if user is None:
                user = User.objects.create_user(username=mobile, password=password, mobile=mobile)
            model.objects.create(user=user, **{field: identity})  # type: ignore[attr-defined]
    except IntegrityError as exc:
        raise ServiceError(f"该{provider.name}账号已绑定其他账户，请直接登录") from exc
    return login_tokens(user=user)
