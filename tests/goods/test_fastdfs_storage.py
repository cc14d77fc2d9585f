"""The FastDFS storage's own logic, with py3Fdfs's client replaced by a recording one; the
real client against a tracker that does not answer; and, where a cluster is configured
(FDFS_CLIENT_CONF), a real round trip."""

import os
import urllib.request
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from meiduo_mall.utils.fastdfs import FastDFSError, FastDFSStorage, FastDFSUnavailableError

BASE_URL = "http://image.meiduo.site:8888"


class RecordingClient:
    """Answers like py3Fdfs's Fdfs_client: file ids are bytes."""

    def __init__(self) -> None:
        self.uploads: list[tuple[bytes, str | None]] = []
        self.deleted: list[bytes] = []
        self.upload_result: dict | None = None

    def upload_by_buffer(self, data: bytes, file_ext_name: str | None = None) -> dict | None:
        self.uploads.append((data, file_ext_name))
        if self.upload_result is not None:
            return self.upload_result
        return {
            "Status": "Upload successed.",
            "Remote file_id": b"group1/M00/00/00/wKgAAWabc.jpg",
            "Group name": b"group1",
        }

    def delete_file(self, file_id: bytes) -> tuple:
        self.deleted.append(file_id)
        return ("Delete file successed.", file_id, "10.0.0.5")


@pytest.fixture
def client() -> RecordingClient:
    return RecordingClient()


@pytest.fixture
def storage(client: RecordingClient) -> FastDFSStorage:
    return FastDFSStorage(client_conf="/etc/fdfs/client.conf", base_url=BASE_URL + "/", client_factory=lambda _: client)


def test_save_uploads_the_bytes_with_the_extension_and_keeps_the_file_id(storage, client) -> None:
    name = storage.save("goods/phone.JPG", ContentFile(b"\xff\xd8 image bytes"))

    assert name == "group1/M00/00/00/wKgAAWabc.jpg"
    assert client.uploads == [(b"\xff\xd8 image bytes", "jpg")]


def test_url_joins_the_nginx_base_and_the_file_id(storage) -> None:
    assert storage.url("group1/M00/00/00/wKgAAWabc.jpg") == f"{BASE_URL}/group1/M00/00/00/wKgAAWabc.jpg"
    assert storage.url("") == ""


def test_delete_sends_the_file_id_as_bytes(storage, client) -> None:
    storage.delete("group1/M00/00/00/wKgAAWabc.jpg")

    assert client.deleted == [b"group1/M00/00/00/wKgAAWabc.jpg"]


def test_a_refused_upload_is_an_error(storage, client) -> None:
    client.upload_result = {"Status": "Upload failed.", "Remote file_id": b""}

    with pytest.raises(FastDFSError, match="upload failed"):
        storage.save("a.png", ContentFile(b"png"))


def test_names_are_never_taken_before_upload(storage) -> None:
    assert storage.exists("group1/M00/00/00/anything.jpg") is False


def test_missing_settings_are_named(settings) -> None:
    from django.core.exceptions import ImproperlyConfigured

    settings.FDFS_CLIENT_CONF = ""
    with pytest.raises(ImproperlyConfigured, match="FDFS_CLIENT_CONF"):
        FastDFSStorage(base_url=BASE_URL)


def test_an_unreachable_tracker_raises_instead_of_exiting(tmp_path: Path, free_port: int) -> None:
    # given the real client, configured with a tracker nobody listens on (the client library
    # calls sys.exit() when its connection attempts run out)
    conf = tmp_path / "client.conf"
    conf.write_text(
        f"connect_timeout=1\nnetwork_timeout=1\nbase_path={tmp_path}\ntracker_server=127.0.0.1:{free_port}\n"
        "log_level=info\nuse_connection_pool=false\nconnection_pool_max_idle_time=3600\n"
        "load_fdfs_parameters_from_tracker=false\nuse_storage_id=false\nstorage_ids_filename=storage_ids.conf\n"
        "http.tracker_server_port=80\n"
    )
    storage = FastDFSStorage(client_conf=str(conf), base_url=BASE_URL)

    # when / then: a clear error the API turns into a 503; the process lives on
    with pytest.raises(FastDFSUnavailableError, match="no tracker answered"):
        storage.save("goods/phone.jpg", ContentFile(b"image"))


@pytest.mark.skipif(
    not os.environ.get("FDFS_CLIENT_CONF") or not os.environ.get("FDFS_BASE_URL"),
    reason="no FastDFS cluster configured: set FDFS_CLIENT_CONF and FDFS_BASE_URL to run the real round trip",
)
def test_round_trip_on_a_real_cluster() -> None:
    storage = FastDFSStorage(client_conf=os.environ["FDFS_CLIENT_CONF"], base_url=os.environ["FDFS_BASE_URL"])
    name = storage.save("probe.txt", ContentFile(b"meiduo fastdfs probe"))
    try:
        with urllib.request.urlopen(storage.url(name), timeout=10) as response:  # noqa: S310
            assert response.read() == b"meiduo fastdfs probe"
    finally:
        storage.delete(name)
