"""V1 image captcha, V2 / V3 SMS codes (docs/api.md, verifications)."""

import io
import uuid

import pytest
from django_redis import get_redis_connection
from PIL import Image

from apps.verifications import services
from meiduo_mall.utils.exceptions import ServiceError
from tests.helpers.accounts import captcha_for, sms_code_for

MOBILE = "13812345678"


def test_image_code_is_a_png_whose_text_is_kept_for_300_seconds(api_client):
    image_code_id = str(uuid.uuid4())

    response = api_client.get(f"/image_codes/{image_code_id}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "no-store"
    assert Image.open(io.BytesIO(response.content)).size == (120, 44)
    redis = get_redis_connection("default")
    assert len(redis.get(f"verify:image:{image_code_id}")) == 4
    assert 295 <= redis.ttl(f"verify:image:{image_code_id}") <= 300


def test_image_code_path_must_be_a_uuid(api_client):
    assert api_client.get("/image_codes/not-a-uuid/").status_code == 404


def test_image_code_is_compared_ignoring_case_and_only_once(api_client):
    image_code_id, text = captcha_for(api_client)

    services.image_code_check(uuid=image_code_id, text=f" {text.lower()} ")

    with pytest.raises(ServiceError, match="已失效"):
        services.image_code_check(uuid=image_code_id, text=text)


def test_a_wrong_image_code_also_uses_the_captcha_up(api_client):
    image_code_id, text = captcha_for(api_client)

    with pytest.raises(ServiceError, match="图片验证码错误"):
        services.image_code_check(uuid=image_code_id, text="zzzz" if text != "ZZZZ" else "yyyy")
    with pytest.raises(ServiceError, match="已失效"):
        services.image_code_check(uuid=image_code_id, text=text)


def test_image_codes_are_throttled_per_client(api_client, settings):
    settings.IMAGE_CODES_PER_IP_PER_MINUTE = 3
    for _ in range(3):
        assert api_client.get(f"/image_codes/{uuid.uuid4()}/").status_code == 200

    response = api_client.get(f"/image_codes/{uuid.uuid4()}/")

    assert response.status_code == 429
    assert "过于频繁" in response.json()["message"]
    assert int(response["Retry-After"]) > 0


def test_sms_code_with_the_right_captcha_stores_six_digits_for_300_seconds(api_client):
    image_code_id, text = captcha_for(api_client)

    response = api_client.get(f"/sms_codes/{MOBILE}/", {"text": text, "image_code_id": image_code_id})

    assert response.status_code == 200
    assert response.json() == {"message": "OK"}
    code = sms_code_for(MOBILE)
    assert code is not None
    assert len(code) == 6
    assert code.isdigit()
    assert 295 <= get_redis_connection("default").ttl(f"verify:sms:{MOBILE}") <= 300


def test_sms_code_without_a_captcha_is_variant_b(api_client):
    response = api_client.get(f"/sms_codes/{MOBILE}/")

    assert response.status_code == 200
    assert sms_code_for(MOBILE)


def test_sms_code_with_a_wrong_captcha_is_400_and_sends_nothing(api_client):
    image_code_id, _ = captcha_for(api_client)

    response = api_client.get(f"/sms_codes/{MOBILE}/", {"text": "0000", "image_code_id": image_code_id})

    assert response.status_code == 400
    assert response.json() == {"message": "图片验证码错误"}
    assert sms_code_for(MOBILE) is None


def test_sms_code_with_only_half_a_captcha_is_400(api_client):
    response = api_client.get(f"/sms_codes/{MOBILE}/", {"text": "ABCD"})

    assert response.status_code == 400
    assert response.json()["message"] == "请输入图片验证码"


def test_sms_code_for_a_malformed_mobile_is_400(api_client):
    response = api_client.get("/sms_codes/12345678901/")

    assert response.status_code == 400
    assert response.json() == {"message": "请输入正确的手机号码"}


def test_second_sms_code_within_60_seconds_is_refused(api_client):
    api_client.get(f"/sms_codes/{MOBILE}/")
    first = sms_code_for(MOBILE)

    response = api_client.get(f"/sms_codes/{MOBILE}/")

    assert response.status_code == 400
    assert response.json() == {"message": "发送短信过于频繁"}
    assert sms_code_for(MOBILE) == first
    assert 55 <= get_redis_connection("default").ttl(f"verify:sms_sent:{MOBILE}") <= 60


def test_sms_codes_are_limited_per_client_address(api_client, settings):
    settings.SMS_CODES_PER_IP_PER_HOUR = 2
    assert api_client.get("/sms_codes/13800000001/").status_code == 200
    assert api_client.get("/sms_codes/13800000002/").status_code == 200

    response = api_client.get("/sms_codes/13800000003/")

    assert response.status_code == 429
    assert "发送短信过于频繁" in response.json()["message"]
    assert sms_code_for("13800000003") is None
    # another client is not affected
    assert api_client.get("/sms_codes/13800000004/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_sms_code_is_used_up_by_a_successful_check(api_client):
    api_client.get(f"/sms_codes/{MOBILE}/")

    services.sms_code_check(mobile=MOBILE, code=sms_code_for(MOBILE))

    assert sms_code_for(MOBILE) is None


def test_sms_code_is_void_after_five_wrong_guesses(api_client):
    api_client.get(f"/sms_codes/{MOBILE}/")
    code = sms_code_for(MOBILE)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(4):
        with pytest.raises(services.SmsCodeInvalidError, match="短信验证码错误"):
            services.sms_code_check(mobile=MOBILE, code=wrong)

    with pytest.raises(services.SmsCodeInvalidError, match="次数过多"):
        services.sms_code_check(mobile=MOBILE, code=wrong)
    with pytest.raises(services.SmsCodeInvalidError, match="已失效"):
        services.sms_code_check(mobile=MOBILE, code=code)
