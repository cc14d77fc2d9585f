"""The FastDFS storage with the real py3Fdfs client, against a local FastDFS tracker and
storage node that speak FastDFS's protocol (tests/standins/fastdfs.py): a round trip, and a
cluster that is down, hung or full is a quick FastDFSUnavailableError (the API's 503),
never a 500, a process exit or a worker held for minutes."""

import io
import os
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.goods.models import Content, ContentCategory
from meiduo_mall.utils.fastdfs import FastDFSError, FastDFSStorage, FastDFSUnavailableError
from tests.standins.fastdfs import FastDFSStandIn, TrackerMode

# deploy/fdfs/client.conf's connect_timeout (2 s) with two attempts per connection: a sick
# cluster answers within a few timeouts. Before the bounds, a hung tracker held the request
# for connect_timeout=30 and a dead storage node for ten attempts.
WITHIN_SECONDS = 10


def cluster(tmp_path: Path, tracker: TrackerMode = "ok", **options: int) -> FastDFSStandIn:
    return FastDFSStandIn(root=tmp_path / "fdfs", tracker=tracker, **options).start()  # type: ignore[arg-type]


def storage_on(standin: FastDFSStandIn, tmp_path: Path) -> FastDFSStorage:
    conf = standin.client_conf(tmp_path / "client.conf")
    return FastDFSStorage(client_conf=str(conf), base_url=standin.base_url + "/")


@pytest.fixture
def fastdfs(tmp_path: Path) -> Iterator[FastDFSStandIn]:
    standin = cluster(tmp_path)
    yield standin
    standin.stop()


@pytest.fixture
def round_trip_storage(tmp_path: Path) -> Iterator[tuple[FastDFSStorage, Callable[[str], bool]]]:
    """The storage on a real FastDFS cluster when FDFS_CLIENT_CONF and FDFS_BASE_URL name
    one (an operator checking theirs), else on the local stand-in; with a way to tell
    whether a file id is still stored."""
    if os.environ.get("FDFS_CLIENT_CONF") and os.environ.get("FDFS_BASE_URL"):
        storage = FastDFSStorage(client_conf=os.environ["FDFS_CLIENT_CONF"], base_url=os.environ["FDFS_BASE_URL"])
        yield storage, lambda name: _downloadable(storage, name)
        return
    standin = cluster(tmp_path)
    yield storage_on(standin, tmp_path), lambda name: any(name.endswith(path.name) for path in standin.files())
    standin.stop()


def _downloadable(storage: FastDFSStorage, name: str) -> bool:
    try:
        storage.open(name)
    except FastDFSError:
        return False
    return True


def test_round_trip_uploads_serves_downloads_and_deletes(round_trip_storage) -> None:
    storage, stored = round_trip_storage

    name = storage.save("goods/phone.JPG", ContentFile(b"\xff\xd8 image bytes"))

    assert name.startswith("group1/M00/")
    assert name.endswith(".jpg")
    assert stored(name)
    with urllib.request.urlopen(storage.url(name), timeout=5) as response:  # noqa: S310 - the storage's nginx
        assert response.read() == b"\xff\xd8 image bytes"
    with storage.open(name) as downloaded:  # through the client
        assert downloaded.read() == b"\xff\xd8 image bytes"

    storage.delete(name)

    assert not stored(name)
    with pytest.raises(FastDFSError, match="download"):
        storage.open(name)
    storage.delete(name)  # deleting what is gone is not an error


def test_urls_join_the_base_and_the_file_id(fastdfs, tmp_path) -> None:
    assert storage_on(fastdfs, tmp_path).url("group1/M00/00/00/a.jpg") == f"{fastdfs.base_url}/group1/M00/00/00/a.jpg"


def test_names_are_never_taken_before_upload(fastdfs, tmp_path) -> None:
    assert storage_on(fastdfs, tmp_path).exists("group1/M00/00/00/anything.jpg") is False


def test_missing_settings_are_named(settings) -> None:
    settings.FDFS_CLIENT_CONF = ""
    with pytest.raises(ImproperlyConfigured, match="FDFS_CLIENT_CONF"):
        FastDFSStorage(base_url="http://image.meiduo.site")


def _refused_quickly(storage: FastDFSStorage, match: str) -> None:
    started = time.monotonic()
    with pytest.raises(FastDFSUnavailableError, match=match):
        storage.save("goods/phone.jpg", ContentFile(b"image"))
    assert time.monotonic() - started < WITHIN_SECONDS


def test_no_tracker_is_unavailable_not_an_exit(tmp_path, free_port) -> None:
    standin = FastDFSStandIn(root=tmp_path / "fdfs", tracker_port=free_port)  # never started
    _refused_quickly(storage_on(standin, tmp_path), "upload")


@pytest.mark.parametrize(
    ("tracker", "message"),
    [("hang", "upload"), ("no-storage", "cannot serve")],
    ids=["a hung tracker", "a tracker without a storage node that has room"],
)
def test_a_sick_tracker_is_unavailable_within_seconds(tmp_path, tracker, message) -> None:
    standin = cluster(tmp_path, tracker=tracker)
    try:
        _refused_quickly(storage_on(standin, tmp_path), message)
    finally:
        standin.stop()


def test_a_dead_storage_node_is_unavailable_within_seconds(tmp_path, free_port) -> None:
    standin = cluster(tmp_path, advertised_storage_port=free_port)
    try:
        _refused_quickly(storage_on(standin, tmp_path), "upload")
    finally:
        standin.stop()


@pytest.mark.django_db
def test_an_admin_upload_while_the_tracker_hangs_is_a_503_that_saves_nothing(tmp_path, settings, admin_client) -> None:
    # given the mall's images on a FastDFS cluster whose tracker stopped answering
    standin = cluster(tmp_path, tracker="hang")
    settings.FDFS_CLIENT_CONF = str(standin.client_conf(tmp_path / "client.conf"))
    settings.FDFS_BASE_URL = standin.base_url
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "meiduo_mall.utils.fastdfs.FastDFSStorage"}}
    category = ContentCategory.objects.create(name="轮播图", key="index_lbt")
    jpeg = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 80, 70)).save(jpeg, format="JPEG")
    try:
        # when an operator adds a banner with its picture
        response = admin_client.post(
            "/admin/goods/content/add/",
            {"category": category.pk, "title": "新品上市", "url": "/index.html", "sequence": 1, "status": "on",
             "image": SimpleUploadedFile("banner.jpg", jpeg.getvalue(), content_type="image/jpeg")},
        )  # fmt: skip
    finally:
        standin.stop()

    # then a 503 that says what is wrong, and no banner without its picture
    assert response.status_code == 503
    assert "图片存储服务暂时无法访问" in response.content.decode()
    assert not Content.objects.exists()
