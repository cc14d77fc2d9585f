"""Reading what a shopper would read off the captcha image or their phone."""

import uuid

from django_redis import get_redis_connection
from rest_framework.test import APIClient


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
