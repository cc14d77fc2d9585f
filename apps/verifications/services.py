"""Verification codes: image captchas and SMS codes, their limits, and the token that has a
code texted to a mobile the caller never sees (password reset).

They live in Redis (database 0 of REDIS_URL) under these keys:

    verify:image:<uuid>        captcha text, IMAGE_CODE_SECONDS, deleted on first check
    verify:sms:<mobile>        6-digit SMS code, SMS_CODE_SECONDS, deleted when used
    verify:sms_tries:<mobile>  wrong guesses at that code
    verify:sms_sent:<mobile>   set for SMS_RESEND_SECONDS after a code is sent
    throttle:...               fixed-window counters (meiduo_mall/utils/ratelimit.py)

The code is texted by a Celery worker (celery_tasks/sms/tasks.py), which reads it from
`verify:sms:<mobile>`: it never travels in a task message.
"""

import functools
import hmac
import secrets

from captcha.image import ImageCaptcha
from django.conf import settings
from django_redis import get_redis_connection

from celery_tasks.sms.tasks import send_sms_code
from meiduo_mall.utils.exceptions import ServiceError
from meiduo_mall.utils.outages import BROKER_ERRORS
from meiduo_mall.utils.ratelimit import rate_limit_hit, throttled
from meiduo_mall.utils.signing import BadTokenError, token_make, token_read

# Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L, 2/Z, 5/S).
CAPTCHA_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
CAPTCHA_LENGTH = 4

# The purpose of the signed token naming the mobile to text (a token made for another
# purpose is refused): made by the password reset's first step, read by /sms_codes/.
PURPOSE_SMS_MOBILE = "users.sms-mobile"


class SmsTooFrequentError(ServiceError):
    def __init__(self, *, retry_after: int) -> None:
        super().__init__("发送短信过于频繁")
        self.retry_after = retry_after


class SmsCodeInvalidError(ServiceError):
    pass


def _redis():  # type: ignore[no-untyped-def]
    return get_redis_connection("default")


@functools.cache
def _captcha_drawer() -> ImageCaptcha:
    # One per process: it loads its fonts on first use and keeps them.
    return ImageCaptcha(width=120, height=44, font_sizes=(32, 34, 36))


# --- Image captcha: /image_codes/<uuid>/ ----------------------------------------------------------------


def image_code_create(*, uuid: str, client_ip: str) -> bytes:
    """Draw a new captcha for `uuid` and remember its text. Returns PNG bytes."""
    wait = rate_limit_hit(f"throttle:image_code:{client_ip}", limit=settings.IMAGE_CODES_PER_IP_PER_MINUTE, window=60)
    if wait:
        raise throttled("获取图片验证码过于频繁", wait)
    text = "".join(secrets.choice(CAPTCHA_ALPHABET) for _ in range(CAPTCHA_LENGTH))
    _redis().set(f"verify:image:{uuid}", text, ex=settings.IMAGE_CODE_SECONDS)
    return _captcha_drawer().generate(text, format="png").getvalue()


def image_code_check(*, uuid: str, text: str) -> None:
    """Compare `text` with the captcha shown for `uuid`, ignoring case. A captcha can be
    checked once: right or wrong, the next check of the same uuid fails."""
    stored = _redis().getdel(f"verify:image:{uuid}")
    if stored is None:
        raise ServiceError("图片验证码已失效，请点击图片换一张")
    if stored.decode().lower() != text.strip().lower():
        raise ServiceError("图片验证码错误")


def optional_image_code_check(*, uuid: str | None, text: str | None) -> None:
    """The captcha some steps may be sent with (the storefronts differ): checked when both
    parts are given, refused when only one is, nothing when neither is."""
    if uuid is not None and text is not None:
        image_code_check(uuid=uuid, text=text)
    elif uuid is not None or text is not None:
        raise ServiceError("请输入图片验证码")


# --- SMS codes: /sms_codes/<mobile>/ and /sms_codes/?access_token= ---------------------------------------


def sms_code_send(*, mobile: str, client_ip: str) -> None:
    """Make a 6-digit code for `mobile`, keep it in Redis and have a Celery worker text it.
    At most one per mobile per SMS_RESEND_SECONDS (SmsTooFrequentError) and
    SMS_CODES_PER_IP_PER_HOUR per client address (ThrottledError)."""
    wait = rate_limit_hit(f"throttle:sms_ip:{client_ip}", limit=settings.SMS_CODES_PER_IP_PER_HOUR, window=3600)
    if wait:
        raise throttled("发送短信过于频繁", wait)
    redis = _redis()
    sent_flag = f"verify:sms_sent:{mobile}"
    if not redis.set(sent_flag, 1, ex=settings.SMS_RESEND_SECONDS, nx=True):
        raise SmsTooFrequentError(retry_after=max(int(redis.ttl(sent_flag)), 1))
    code = f"{secrets.randbelow(10**6):06d}"
    pipe = redis.pipeline()
    pipe.set(f"verify:sms:{mobile}", code, ex=settings.SMS_CODE_SECONDS)
    pipe.delete(f"verify:sms_tries:{mobile}")
    pipe.execute()
    try:
        send_sms_code.delay(mobile)  # the worker reads the code from Redis: it is never in a message
    except BROKER_ERRORS:
        # Nothing will be sent: let the shopper ask again at once rather than in a minute.
        redis.delete(sent_flag)
        raise


def mobile_token_make(*, mobile: str) -> str:
    """A signed, expiring token that has a code texted to `mobile` (sms_code_send_by_token)
    without the holder ever seeing the number."""
    return token_make(purpose=PURPOSE_SMS_MOBILE, payload={"mobile": mobile})


def sms_code_send_by_token(*, access_token: str, client_ip: str) -> None:
    """Text a code to the mobile carried by a `mobile_token_make` token."""
    try:
        payload = token_read(
            purpose=PURPOSE_SMS_MOBILE, token=access_token, max_age=settings.ACCOUNT_STEP_TOKEN_SECONDS
        )
    except BadTokenError as exc:
        raise ServiceError("操作已过期，请重新开始找回密码") from exc
    sms_code_send(mobile=str(payload.get("mobile")), client_ip=client_ip)


def sms_code_check(*, mobile: str, code: str, use: bool = True) -> None:
    """Use up the SMS code sent to `mobile` (with `use=False`, only check it: a later step
    may still refuse, and the shopper keeps the code). A wrong guess raises
    SmsCodeInvalidError; after SMS_CODE_MAX_ATTEMPTS wrong guesses the code is void, so it
    cannot be guessed."""
    redis = _redis()
    key, tries_key = f"verify:sms:{mobile}", f"verify:sms_tries:{mobile}"
    stored = redis.get(key)
    if stored is None:
        raise SmsCodeInvalidError("短信验证码已失效，请重新获取")
    if not hmac.compare_digest(stored.decode(), str(code).strip()):
        pipe = redis.pipeline()
        pipe.incr(tries_key)
        pipe.expire(tries_key, settings.SMS_CODE_SECONDS)
        tries, _ = pipe.execute()
        if tries >= settings.SMS_CODE_MAX_ATTEMPTS:
            redis.delete(key, tries_key)
            raise SmsCodeInvalidError("短信验证码错误次数过多，请重新获取")
        raise SmsCodeInvalidError("短信验证码错误")
    if not use:
        return
    # Only one of two simultaneous uses of the same code gets to delete it.
    if not redis.delete(key):
        raise SmsCodeInvalidError("短信验证码已失效，请重新获取")
    redis.delete(tries_key)
