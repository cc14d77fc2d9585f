import pytest
from django.test import Client


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/areas/not-a-number/", HTTP_ACCEPT="application/json")

    assert response.status_code == 404
    assert response.json() == {"message": "请求的地址不存在"}


def test_a_browser_gets_the_html_404_page(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT="text/html,application/xhtml+xml")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.urls("tests.core.urls_failing")
def test_unexpected_error_is_a_json_500_without_details():
    client = Client(raise_request_exception=False)

    response = client.get("/crash/", HTTP_ACCEPT="application/json")

    assert response.status_code == 500
    assert response.json() == {"message": "服务器内部错误，请稍后再试"}
