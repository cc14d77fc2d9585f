"""Tasks run at least once and their effects happen once: a worker killed mid-task loses
nothing (the task is acknowledged only when it has run, and redelivered), and a task
redelivered after it had done its work does nothing (celery_tasks/once.py)."""

import os
import signal
import time
import uuid
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connection
from django_redis import get_redis_connection

from celery_tasks.main import app as celery_app
from celery_tasks.sms.tasks import send_sms_code
from tests.conftest import ROOT, start_worker, worker_environment
from tests.standins.ronglian import RonglianStandIn

# A queue of this run's own: the suite's worker does not take it, and nothing an earlier run
# left in it (a task of a killed worker) is redelivered into this one.
QUEUE = f"delivery-test-{uuid.uuid4().hex[:8]}"


def keep_code(mobile: str, code: str) -> None:
    get_redis_connection("default").set(f"verify:sms:{mobile}", code, ex=300)


def test_tasks_are_acknowledged_once_they_have_run():
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.task_reject_on_worker_lost is True
    visibility = celery_app.conf.broker_transport_options["visibility_timeout"]
    # longer than a task can stay in a worker (a 120 s retry countdown, the 90 s limit), and a
    # lost SMS is still sent within its code's life
    sweep = celery_app.conf.broker_transport_options["unacked_restore_interval"]
    assert 120 + celery_app.conf.task_time_limit < visibility + sweep < settings.SMS_CODE_SECONDS
    assert visibility == settings.CELERY_VISIBILITY_TIMEOUT_SECONDS


def test_a_redelivered_sms_task_does_not_text_the_code_again(ronglian_settings):
    keep_code("13812340101", "135790")

    send_sms_code.apply(args=("13812340101",), task_id="sms-task-delivered-twice")
    send_sms_code.apply(args=("13812340101",), task_id="sms-task-delivered-twice")

    assert ronglian_settings.codes_for("13812340101") == ["135790"]


@pytest.fixture
def slow_provider() -> Iterator[RonglianStandIn]:
    """The SMS provider, taking a second to answer each request."""
    server = RonglianStandIn(answer_delay=1.0).start()
    yield server
    server.stop()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_loses_no_sms(slow_provider, smtp_server):
    # given four codes to text, and a worker that redelivers a lost task after 5 s
    env = {
        **worker_environment(connection.settings_dict["NAME"], smtp_port=smtp_server.port,
                             ronglian_url=slow_provider.base_url),
        "CELERY_VISIBILITY_TIMEOUT_SECONDS": "5",
    }  # fmt: skip
    log = ROOT / "var" / "test" / "delivery-worker.log"
    codes = {f"1381234020{n}": f"24680{n}" for n in range(4)}
    for mobile, code in codes.items():
        keep_code(mobile, code)
        send_sms_code.apply_async(args=(mobile,), queue=QUEUE)
    first = start_worker(env, queues=QUEUE, log=log, name="doomed")
    second = None
    try:
        # when the worker is killed while the provider is still taking the first text
        deadline = time.monotonic() + 60
        while slow_provider.received == 0:
            assert time.monotonic() < deadline, "the worker never sent anything"
            time.sleep(0.05)
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        assert slow_provider.messages == []

        # and another worker takes over
        second = start_worker(env, queues=QUEUE, log=log, name="survivor")
        deadline = time.monotonic() + 60
        while len(slow_provider.messages) < len(codes) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)  # anything sent twice would arrive by now
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)

    # then every shopper got their code, once
    assert {mobile: slow_provider.codes_for(mobile) for mobile in codes} == {m: [c] for m, c in codes.items()}
