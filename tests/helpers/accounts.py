"""Reading what a shopper would read off the captcha image or their phone."""

import time
import uuid

from django_redis import get_redis_connection
from rest_framework.test import APIClient

from tests.standins.ronglian import RonglianStandIn


def captcha_for(client: APIClient) -> tuple[str, str]:
    """Ask for a captcha as the storefront does; returns (uuid, text)."""
    image_code_id = str(uuid.uuid4())
    response = client.get(f"/image_codes/{image_code_id}/")
    assert response.status_code == 200
    return image_code_id, get_redis_connection("default").get(f"verify:image:{image_code_id}").decode()


def sms_code_for(mobile: str) -> str | None:
    code = get_redis_connection("default").get(f"verify:sms:{mobile}")
    return code.decode() if code else None


def forget_sms_resend_wait(mobile: str) -> None:
    """As if the 60 seconds between two SMS to one mobile had passed."""
    get_redis_connection("default").delete(f"verify:sms_sent:{mobile}")


def code_texted_through_the_worker(mobile: str, ronglian_server: RonglianStandIn) -> str:
    """A shopper asks for a code for `mobile`; the real worker texts it through the Ronglian
    stand-in. Returns the code, once the stand-in has it (and only it) for that mobile."""
    response = APIClient().get(f"/sms_codes/{mobile}/")
    assert response.status_code == 200
    code = sms_code_for(mobile)
    assert code is not None
    deadline = time.monotonic() + 30
    while code not in ronglian_server.codes_for(mobile) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ronglian_server.codes_for(mobile) == [code]
    return code
