"""C1 user details; C2 / C3 e-mail verification (docs/api.md, users)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.test import override_settings
from rest_framework.test import APIClient

from apps.users import services
from apps.users.models import User
from meiduo_mall.utils.signing import token_make
from tests.factories import UserFactory


def token_in(text: str) -> str:
    link = re.search(r"http://\S+/success_verify_email\.html\?token=[\w.\-]+", text)
    assert link, text
    return parse_qs(urlsplit(link.group(0)).query)["token"][0]


@pytest.mark.django_db
def test_user_details_need_a_login(api_client):
    assert api_client.get("/user/").status_code == 401


@pytest.mark.django_db
def test_user_details(api_client):
    user = UserFactory(username="centre_user", mobile="13711112222", email="a@example.com")
    api_client.force_authenticate(user)

    assert api_client.get("/user/").json() == {
        "id": user.pk,
        "username": "centre_user",
        "mobile": "13711112222",
        "email": "a@example.com",
        "email_active": False,
    }


@pytest.mark.django_db
def test_jwt_header_from_login_opens_the_user_centre(api_client):
    user = UserFactory()
    api_client.credentials(HTTP_AUTHORIZATION=f"JWT {services.login_tokens(user=user).access}")

    assert api_client.get("/user/").json()["id"] == user.pk


@pytest.mark.django_db(transaction=True)
def test_verification_mail_goes_out_through_a_real_worker_and_smtp(api_client, celery_worker_process, smtp_server):
    user = UserFactory(username="mailuser", email="")
    api_client.force_authenticate(user)

    # when: the shopper sets an address
    response = api_client.put("/emails/", {"email": "mailuser@example.com"})

    # then: a worker sends an HTML + text mail whose link verifies the address
    assert response.status_code == 200
    assert response.json() == {"id": user.pk, "email": "mailuser@example.com"}
    message = smtp_server.inbox.wait_for("mailuser@example.com")
    assert message["Subject"] == "美多商城邮箱验证"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "http://127.0.0.2:8080/success_verify_email.html?token=" in text
    assert token_in(html) == token_in(text)

    verified = APIClient().get("/emails/verification/", {"token": token_in(text)})

    assert verified.status_code == 200
    assert verified.json() == {"message": "OK"}
    assert User.objects.get(pk=user.pk).email_active is True


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/email/", "/emails/"])
def test_setting_an_email_resets_verification(api_client, path, django_capture_on_commit_callbacks):
    user = UserFactory(email="old@example.com", email_active=True)
    api_client.force_authenticate(user)

    with django_capture_on_commit_callbacks() as callbacks:
        response = api_client.put(path, {"email": "new@example.com"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.email, user.email_active) == ("new@example.com", False)
    # the mail is enqueued once the change is committed (beside the account's new auth entry)
    assert [callback.__qualname__ for callback in callbacks if "auth_entry" not in callback.__qualname__] == [
        "user_email_set.<locals>.<lambda>"
    ]


@pytest.mark.django_db
def test_setting_a_malformed_email_is_400(api_client):
    api_client.force_authenticate(UserFactory())

    response = api_client.put("/emails/", {"email": "not-an-address"})

    assert response.status_code == 400
    assert response.json() == {"email": ["请输入正确的邮箱地址"], "message": "请输入正确的邮箱地址"}


@pytest.mark.django_db
def test_verification_mail_has_text_and_html_parts():
    user = UserFactory(email="parts@example.com")

    assert services.user_email_verify_send(user_id=user.pk)

    [message] = mail.outbox
    assert message.to == ["parts@example.com"]
    assert "24 小时" in message.body
    assert message.alternatives[0].mimetype == "text/html"
    assert token_in(message.alternatives[0].content)


@pytest.mark.django_db
def test_no_mail_for_a_verified_or_missing_address():
    assert not services.user_email_verify_send(user_id=UserFactory(email="").pk)
    assert not services.user_email_verify_send(user_id=UserFactory(email_active=True).pk)
    assert not services.user_email_verify_send(user_id=999999)
    assert mail.outbox == []


@pytest.mark.django_db
def test_tampered_token_is_400(api_client):
    user = UserFactory()
    token = token_in(services.email_verify_url(user=user))

    response = api_client.get("/emails/verification/", {"token": token[:-2] + ("AA" if token[-2:] != "AA" else "BB")})

    assert response.status_code == 400
    assert response.json()["message"]
    user.refresh_from_db()
    assert not user.email_active


@pytest.mark.django_db
def test_expired_token_is_400(api_client):
    user = UserFactory()
    token = token_in(services.email_verify_url(user=user))

    with override_settings(EMAIL_VERIFY_TOKEN_SECONDS=-1):
        assert api_client.get("/emails/verification/", {"token": token}).status_code == 400


@pytest.mark.django_db
def test_token_for_another_purpose_is_400(api_client):
    user = UserFactory()
    token = token_make(purpose=services.PURPOSE_PASSWORD_RESET, payload={"user_id": user.pk, "email": user.email})

    assert api_client.get("/emails/verification/", {"token": token}).status_code == 400


@pytest.mark.django_db
def test_link_for_a_replaced_address_is_400(api_client):
    user = UserFactory(email="first@example.com")
    token = token_in(services.email_verify_url(user=user))
    User.objects.filter(pk=user.pk).update(email="second@example.com")

    assert api_client.get("/emails/verification/", {"token": token}).status_code == 400
    user.refresh_from_db()
    assert not user.email_active


@pytest.mark.django_db
def test_missing_token_is_400(api_client):
    assert api_client.get("/emails/verification/").status_code == 400


@pytest.mark.django_db
def test_verification_mails_are_limited_per_user(api_client, settings):
    settings.VERIFY_EMAILS_PER_USER_PER_HOUR = 2
    api_client.force_authenticate(UserFactory())
    for _ in range(2):
        assert api_client.put("/emails/", {"email": "again@example.com"}).status_code == 200

    response = api_client.put("/emails/", {"email": "again@example.com"})

    assert response.status_code == 429
    assert response.json()["message"].startswith("验证邮件发送过于频繁")
