"""Sending the code: the console and Ronglian senders, retries, and the real worker."""

import logging

import pytest
from django_redis import get_redis_connection

from celery_tasks.sms.senders import SmsSendError, ronglian_signature, send_with_ronglian
from celery_tasks.sms.tasks import send_sms_code
from tests.helpers.accounts import code_texted_through_the_worker
from tests.standins import ronglian


def keep_code(mobile: str, code: str) -> None:
    """The code as sms_code_send keeps it for the worker."""
    get_redis_connection("default").set(f"verify:sms:{mobile}", code, ex=300)


def test_a_code_used_or_expired_meanwhile_is_not_sent(ronglian_settings):
    get_redis_connection("default").delete("verify:sms:13812345671")

    assert send_sms_code.apply(args=("13812345671",)).successful()

    assert ronglian_settings.codes_for("13812345671") == []


def test_ronglian_signature_is_the_upper_md5_of_sid_token_and_timestamp():
    # `echo -n abcdef20261121120000 | md5sum`, upper-cased
    assert ronglian_signature("abc", "def", "20261121120000") == "F544DF210F52FF83E52EC384563E11F1"


def test_ronglian_sender_posts_a_signed_template_sms(ronglian_settings):
    send_with_ronglian("13812345678", "123456", 5)

    assert ronglian_settings.refusals == []
    assert ronglian_settings.messages[-1] == {
        "to": "13812345678",
        "appId": ronglian.APP_ID,
        "templateId": "1",
        "datas": ["123456", "5"],
    }


def test_ronglian_sender_raises_when_the_signature_is_refused(ronglian_settings, settings):
    settings.RONGLIAN_AUTH_TOKEN = "not-the-real-token"

    with pytest.raises(SmsSendError, match="160031"):
        send_with_ronglian("13812345678", "123456", 5)
    assert ronglian_settings.refusals[-1] == "signature mismatch"


def test_ronglian_sender_raises_when_unreachable(settings, free_port):
    settings.SMS_BACKEND = "ronglian"
    settings.RONGLIAN_BASE_URL = f"http://127.0.0.1:{free_port}"

    with pytest.raises(SmsSendError, match="unreachable"):
        send_with_ronglian("13812345678", "123456", 5)


def test_task_retries_a_provider_failure_with_back_off(ronglian_settings):
    ronglian_settings.fail_next = 2

    keep_code("13812345679", "654321")
    result = send_sms_code.apply(args=("13812345679",))

    assert result.successful()
    assert ronglian_settings.codes_for("13812345679") == ["654321"]
    assert send_sms_code.retry_backoff == 2
    assert send_sms_code.max_retries == 3


def test_task_gives_up_after_its_retries(ronglian_settings):
    ronglian_settings.fail_next = 10

    keep_code("13812345670", "654321")
    result = send_sms_code.apply(args=("13812345670",))

    assert result.failed()
    assert isinstance(result.result, SmsSendError)
    assert ronglian_settings.fail_next == 10 - 4  # the first try and three retries
    ronglian_settings.fail_next = 0


def test_console_sender_logs_the_code_for_a_developer(settings, caplog):
    settings.SMS_BACKEND = "console"

    with caplog.at_level(logging.WARNING, logger="meiduo_mall.sms"):
        keep_code("13812345678", "246810")
        send_sms_code.apply(args=("13812345678",))

    assert "13812345678" in caplog.text
    assert "246810" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_requested_code_reaches_the_phone_through_the_worker(celery_worker_process, ronglian_server):
    # a real worker texts the very code kept in Redis, through the (stand-in) provider
    code_texted_through_the_worker("13812340000", ronglian_server)
