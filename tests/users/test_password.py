"""F1, V3, F3, F4 password reset and P1 password change (docs/api.md, users)."""

import pytest
from django.test import override_settings

from apps.users import services
from apps.verifications.services import PURPOSE_SMS_MOBILE
from meiduo_mall.utils.signing import token_make
from tests.factories import PASSWORD, UserFactory
from tests.helpers.accounts import captcha_for, sms_code_for

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Brand-new-pass-7"


@pytest.fixture
def user():
    return UserFactory(username="forgetful", mobile="13512345678")


def start(api_client, account: str = "forgetful"):
    image_code_id, text = captcha_for(api_client)
    return api_client.get(f"/accounts/{account}/sms/token/", {"text": text, "image_code_id": image_code_id})


def reset_token(api_client, user) -> str:
    api_client.get("/sms_codes/", {"access_token": start(api_client).json()["access_token"]})
    response = api_client.get(f"/accounts/{user.username}/password/token/", {"sms_code": sms_code_for(user.mobile)})
    assert response.status_code == 200
    return response.json()["access_token"]


def test_full_reset_sets_the_new_password(api_client, user):
    # F1: account + captcha → masked mobile and a token
    first = start(api_client)
    assert first.status_code == 200
    assert first.json()["mobile"] == "135****5678"

    # V3: the token sends a code to that mobile
    texted = api_client.get("/sms_codes/", {"access_token": first.json()["access_token"]})
    assert texted.json() == {"message": "OK"}

    # F3: the code → a token to set the password
    verified = api_client.get("/accounts/13512345678/password/token/", {"sms_code": sms_code_for(user.mobile)})
    assert verified.status_code == 200
    assert verified.json()["user_id"] == user.pk

    # F4
    response = api_client.post(
        f"/users/{user.pk}/password/",
        {"password": NEW_PASSWORD, "password2": NEW_PASSWORD, "access_token": verified.json()["access_token"]},
    )

    assert response.status_code == 200
    assert response.json() == {"id": user.pk}
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_unknown_account_is_404(api_client):
    response = start(api_client, "nobody_at_all")

    assert response.status_code == 404
    assert response.json() == {"message": "用户名或手机号不存在"}


def test_wrong_captcha_is_400(api_client, user):
    image_code_id, _ = captcha_for(api_client)

    response = api_client.get("/accounts/forgetful/sms/token/", {"text": "0000", "image_code_id": image_code_id})

    assert response.status_code == 400
    assert response.json() == {"message": "图片验证码错误"}


def test_v3_without_or_with_a_bad_token_is_400(api_client):
    assert api_client.get("/sms_codes/").status_code == 400
    response = api_client.get("/sms_codes/", {"access_token": "forged"})
    assert response.status_code == 400
    assert response.json()["message"]


def test_v3_twice_within_a_minute_is_429(api_client, user):
    token = start(api_client).json()["access_token"]
    api_client.get("/sms_codes/", {"access_token": token})

    response = api_client.get("/sms_codes/", {"access_token": token})

    assert response.status_code == 429
    assert response.json() == {"message": "发送短信过于频繁"}


def test_f3_with_a_wrong_code_is_400_and_unknown_account_404(api_client, user):
    api_client.get("/sms_codes/", {"access_token": start(api_client).json()["access_token"]})
    wrong = "000000" if sms_code_for(user.mobile) != "000000" else "111111"

    assert api_client.get("/accounts/forgetful/password/token/", {"sms_code": wrong}).status_code == 400
    assert api_client.get("/accounts/nobody_at_all/password/token/", {"sms_code": wrong}).status_code == 404


def test_f1_token_is_refused_at_f4(api_client, user):
    f1_token = start(api_client).json()["access_token"]

    response = api_client.post(
        f"/users/{user.pk}/password/", {"password": NEW_PASSWORD, "password2": NEW_PASSWORD, "access_token": f1_token}
    )

    assert response.status_code == 400
    assert response.json()["message"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_f3_token_is_refused_by_v3(api_client, user):
    token = reset_token(api_client, user)

    assert api_client.get("/sms_codes/", {"access_token": token}).status_code == 400


def test_token_for_user_a_is_refused_on_user_bs_path(api_client, user):
    other = UserFactory()
    token = reset_token(api_client, user)

    response = api_client.post(
        f"/users/{other.pk}/password/", {"password": NEW_PASSWORD, "password2": NEW_PASSWORD, "access_token": token}
    )

    assert response.status_code == 400
    other.refresh_from_db()
    assert other.check_password(PASSWORD)


def test_reset_token_works_once(api_client, user):
    token = reset_token(api_client, user)
    body = {"password": NEW_PASSWORD, "password2": NEW_PASSWORD, "access_token": token}
    assert api_client.post(f"/users/{user.pk}/password/", body).status_code == 200

    again = api_client.post(
        f"/users/{user.pk}/password/", {**body, "password": "Third-pass-77", "password2": "Third-pass-77"}
    )

    assert again.status_code == 400


def test_expired_reset_token_is_refused(api_client, user):
    token = reset_token(api_client, user)

    with override_settings(ACCOUNT_STEP_TOKEN_SECONDS=-1):
        response = api_client.post(
            f"/users/{user.pk}/password/", {"password": NEW_PASSWORD, "password2": NEW_PASSWORD, "access_token": token}
        )

    assert response.status_code == 400


def test_f4_mismatched_passwords_is_400_with_a_message(api_client, user):
    response = api_client.post(
        f"/users/{user.pk}/password/",
        {"password": NEW_PASSWORD, "password2": "Different-pass-8", "access_token": reset_token(api_client, user)},
    )

    assert response.status_code == 400
    assert response.json()["message"] == "两次输入的密码不一致"


def test_f4_ignores_a_stale_login_token(api_client, user):
    token = reset_token(api_client, user)
    api_client.credentials(HTTP_AUTHORIZATION="JWT undefined")

    response = api_client.post(
        f"/users/{user.pk}/password/", {"password": NEW_PASSWORD, "password2": NEW_PASSWORD, "access_token": token}
    )

    assert response.status_code == 200


@pytest.mark.parametrize("path", ["password", "passwords"])
def test_password_change_needs_the_old_password(api_client, user, path):
    api_client.force_authenticate(user)

    wrong = api_client.put(
        f"/users/{user.pk}/{path}/", {"old_password": "not-it-123", "password": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    right = api_client.put(
        f"/users/{user.pk}/{path}/", {"old_password": PASSWORD, "password": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert wrong.status_code == 400
    assert wrong.json() == {"message": "原密码错误"}
    assert right.status_code == 200
    assert right.json() == {"id": user.pk}
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_of_another_user_is_403(api_client, user):
    other = UserFactory()
    api_client.force_authenticate(user)

    response = api_client.put(
        f"/users/{other.pk}/password/", {"old_password": PASSWORD, "password": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 403
    other.refresh_from_db()
    assert other.check_password(PASSWORD)


def test_password_change_needs_a_login(api_client, user):
    response = api_client.put(
        f"/users/{user.pk}/password/", {"old_password": PASSWORD, "password": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 401


def test_a_token_signed_for_the_wrong_purpose_with_the_right_payload_is_refused(api_client, user):
    forged = token_make(purpose=PURPOSE_SMS_MOBILE, payload={"user_id": user.pk})

    with pytest.raises(services.ServiceError):
        services.user_password_reset(user_id=user.pk, access_token=forged, password=NEW_PASSWORD)
